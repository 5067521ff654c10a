import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { tableDefinition } from '../../functions/lib/db/table-definition';
import { acknowledge } from '../nag';

const S = dynamodb.AttributeType.STRING;

/**
 * The stateful part of the stack: the one table, the field-encryption key and the app secret.
 * All three are retained when the stack is deleted: losing any of them loses data, not just
 * infrastructure (the key and the secret cannot be recreated with the same material).
 */
export class DataStore extends Construct {
  readonly table: dynamodb.Table;
  readonly fieldKey: kms.Key;
  readonly secret: secretsmanager.Secret;
  readonly cardSecret: secretsmanager.Secret;
  readonly uploads: s3.Bucket;
  readonly uploadsAccessLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    // S3 delivers access logs under a bucket policy for the logging service, not the legacy
    // LogDeliveryWrite ACL, so the log bucket can keep ACLs disabled like the uploads bucket.
    // Set here (before any child exists) so it holds in every app, not only one with cdk.json.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    // Built from the same definition local/ uses for DynamoDB Local, so keys and indexes cannot
    // drift. No fixed table name: with RETAIN and deletion protection a replacement must not clash.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: S },
      sortKey: { name: tableDefinition.sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // ID numbers and phones are additionally encrypted field by field with the key below; the
      // rest is protected by DynamoDB's encryption at rest with the AWS managed key.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // The outbox sender (subscription messages) reads new outbox items from the stream.
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: S },
        sortKey: { name: gsi.sortKey, type: S },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Wraps the per-process data keys of field-level encryption (functions/lib/crypto). Deleting it
    // would make every stored ID number and phone unreadable, hence RETAIN.
    this.fieldKey = new kms.Key(this, 'FieldKey', {
      description: `Lianxin ${props.stage}: wraps data keys for field-level encryption of ID numbers and phones`,
      enableKeyRotation: true,
      alias: `alias/lianxin-${props.stage}-field`,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // {"signingMaster": 64 random letters and digits, "wechatAppSecret": "SET-ME"}. The WeChat app
    // secret is set by hand after the first deploy. The signing master is never rotated
    // automatically: every session, card and blind-index key derives from it, and the phone blind
    // index stored in the table would stop matching (functions/lib/crypto/secrets.ts).
    this.secret = new secretsmanager.Secret(this, 'AppSecrets', {
      description: `Lianxin ${props.stage}: signing master secret and WeChat app secret`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ wechatAppSecret: 'SET-ME' }),
        generateStringKey: 'signingMaster',
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.secret, 'AwsSolutions-SMG4',
      'Never rotated automatically: the phone blind index stored in the table is keyed from signingMaster, so a rotation would make every stored phone unfindable; wechatAppSecret is reset in the WeChat console and pasted here by hand.');

    // {"cardSigningMaster": …}: signs the service card's QR tokens. Apart from the app secret so
    // the card functions hold no key that could mint a session. Rotating it voids the QR codes on
    // screen now (they are re-issued on the next page show), nothing stored.
    this.cardSecret = new secretsmanager.Secret(this, 'CardSigningSecret', {
      description: `Lianxin ${props.stage}: signing master for service-card QR tokens`,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: 'cardSigningMaster',
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.cardSecret, 'AwsSolutions-SMG4',
      'Rotated by hand when needed (it voids only the QR codes on screen, nothing stored); Secrets Manager has no managed rotation for a generic secret, and a rotation function of our own would be one more function with write access to a signing key.');

    // Photos and voice clips of messages and consultations (functions/lib/storage). Private, no
    // public access of any kind, encrypted at rest, TLS only. Uploads arrive by presigned POST
    // tagged `attached=no` (the policy pins the tag); a message that uses one re-tags it
    // `attached=yes`. Uploads never attached (the user gave up, the send failed) expire after two
    // days; attached ones stay as long as the messages they belong to.
    // Server access logs of the uploads bucket: who fetched or stored which object, kept one year
    // like the API's access logs (LOG_RETENTION). S3 delivers them with SSE-S3 only, hence not KMS.
    this.uploadsAccessLogs = new s3.Bucket(this, 'UploadsAccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'one-year', expiration: Duration.days(365) }],
    });

    this.uploads = new s3.Bucket(this, 'Uploads', {
      serverAccessLogsBucket: this.uploadsAccessLogs,
      serverAccessLogsPrefix: 'uploads/',
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abandoned-uploads', tagFilters: { attached: 'no' }, expiration: Duration.days(2) },
        { id: 'incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
  }
}
