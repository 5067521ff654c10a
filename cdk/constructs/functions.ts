import path from 'node:path';
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { nodejsBundlingOptions } from '../bundling';
import { acknowledge } from '../nag';
import { powertoolsLayer } from '../powertools-layer';
import { handlerEntry, repoRoot } from '../paths';
import { fieldKeyActions, tableActions, uploadActions, type FunctionPermissions } from '../permissions';
import type { RouteDef } from '../../functions/routes';
import { tableDefinition } from '../../functions/lib/db/table-definition';
import type { DataStore } from './data';

/**
 * Log retention: one year. China's Cybersecurity Law (网络安全法, art. 21) requires network logs to
 * be kept for no less than six months; CloudWatch's 180-day option can fall a few days short of six
 * calendar months, and 365 days is the next value it offers. The audit trail of sensitive reads
 * lives in the table, not here; these logs are operational (errors name the route, not the person).
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * Why the functions stay on nodejs22.x while Lambda offers nodejs24.x. Everything here runs on
 * one Node major on purpose: the local runtime, jest and the benchmarks run the `node` ^22
 * binary from node_modules, bundles target node22 and middy 7 is measured on it. Moving is one
 * change of all of them together (that binary, the esbuild target, the layer's compatible
 * runtime, the bundle and cold-start budgets re-measured), not a flag here. Lambda deprecates
 * nodejs22.x on 2027-04-30 (updates blocked from 2027-07-01); the move must land before then.
 */
const NODE_22_REASON =
  'Node.js 22 deliberately: local runtime, tests and benchmarks run the same Node 22 binary and bundles target node22; nodejs22.x is supported by Lambda until 2027-04-30 and the move to nodejs24.x is one change of binary, esbuild target and measured budgets together (cdk/constructs/functions.ts).';

export interface AppFunctionProps {
  /** Module under functions/, e.g. `me/get-me`; it exports `handler`. */
  handler: string;
  /** The route this function serves, bundled in place of the route table (cdk/bundling.ts). */
  route?: RouteDef;
  description: string;
  permissions: FunctionPermissions;
  data: DataStore;
  environment: Record<string, string>;
  /**
   * The execution role, shared by functions whose declared permissions are identical
   * (ExecutionRoles below). Without it the function gets a role of its own.
   */
  roles?: ExecutionRoles;
  /** Background jobs only: routes keep API Gateway's budget of 10 s and 256 MB. */
  timeout?: Duration;
  memorySize?: number;
}

/**
 * One execution role per distinct permission set. A role and its policy per function would put
 * two resources per route into the stack and, with ~80 functions, past CloudFormation's 500
 * resources per stack; functions with identical declared permissions lose nothing by sharing a
 * role, and each still holds exactly what it declares (test/cdk/stack.test.ts checks it).
 */
export class ExecutionRoles extends Construct {
  private readonly byPermissions = new Map<string, iam.Role>();

  constructor(
    scope: Construct,
    id: string,
    private readonly data: DataStore,
  ) {
    super(scope, id);
  }

  roleFor(permissions: FunctionPermissions): iam.Role {
    const key = `${permissions.table}-${permissions.fieldKey ? 'key' : 'nokey'}-${permissions.secrets}-${permissions.uploads}`;
    const existing = this.byPermissions.get(key);
    if (existing) return existing;
    const role = executionRole(this, key, `Lianxin functions with table ${permissions.table}, field key ${permissions.fieldKey}, secrets ${permissions.secrets}, uploads ${permissions.uploads}`);
    grantPermissions(role, permissions, this.data);
    this.byPermissions.set(key, role);
    return role;
  }
}

/**
 * A Lambda execution role that may write logs only into this stack's log groups. Not the AWS
 * managed AWSLambdaBasicExecutionRole: that one may create any log group and write into every
 * log group of the account. Each function's log group exists before the function (AppFunction),
 * so CreateLogGroup is not needed. The log groups keep CloudFormation's generated names (a fixed
 * name would clash when a retained group outlives a deleted stack), and those names start with
 * the name of the stack (nested stacks' names start with it too), hence the prefix; log streams
 * are created by the runtime per container under names nobody can know in advance.
 */
export function executionRole(scope: Construct, id: string, description: string): iam.Role {
  const role = new iam.Role(scope, id, {
    // Lambda's service principal is `lambda.amazonaws.com` in every partition, aws-cn included.
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description,
  });
  const logStreams = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${Aws.STACK_NAME}-*:log-stream:*`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logStreams] }));
  acknowledge(role, 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<AWS::StackName>-*:log-stream:*]',
    "Log streams are created by the Lambda runtime under names known only at run time, and the functions' log groups carry generated names that begin with the stack's name; this is the narrowest ARN that names them.");
  // Active tracing (AppFunction) adds X-Ray's trace upload, which IAM cannot scope to a resource.
  acknowledge(role, 'AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) and DynamoDB ListStreams (the stream event source) support no resource-level permissions; every other statement names its resources (test/cdk/stack.test.ts checks that only these actions are on "*").');
  return role;
}

function grantPermissions(grantee: iam.Role, permissions: FunctionPermissions, data: DataStore): void {
  const { table, fieldKey, secret, cardSecret, uploads } = data;
  // On the table and each of its indexes by name (not `index/*`): the same indexes local/ creates.
  if (permissions.table !== 'none') {
    const indexes = tableDefinition.globalSecondaryIndexes.map((gsi) => `${table.tableArn}/index/${gsi.indexName}`);
    iam.Grant.addToPrincipal({ grantee, actions: [...tableActions[permissions.table]], resourceArns: [table.tableArn, ...indexes] });
  }
  if (permissions.fieldKey) fieldKey.grant(grantee, ...fieldKeyActions);
  if (permissions.secrets === 'app' || permissions.secrets === 'app+card') secret.grantRead(grantee);
  if (permissions.secrets === 'card' || permissions.secrets === 'app+card') cardSecret.grantRead(grantee);
  if (permissions.uploads !== 'none') {
    iam.Grant.addToPrincipal({ grantee, actions: [...uploadActions[permissions.uploads]], resourceArns: [uploads.arnForObjects('*')] });
    const bucketId = Stack.of(uploads).getLogicalId(uploads.node.defaultChild as s3.CfnBucket);
    acknowledge(grantee, `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      'Attachment keys end in a random uuid chosen per upload, so object actions must name the objects by pattern; the presigned POST pins the exact key and the handlers check it lies under the conversation and sender (functions/lib/storage).');
  }
}

/**
 * One Lambda function from one handler module: Node.js 22 on ARM (Graviton: cheaper per ms and as
 * fast for this I/O-bound work), bundled with the shared esbuild settings, the Powertools layer, X-Ray active tracing, with its own log group
 * (an explicit LogGroup, not `logRetention`, which would add a custom-resource function) and the
 * grants its permissions declare, nothing else.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      // Stack traces in the logs name the source lines, not the minified ones (bundling.ts).
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      // The runtime records each invocation's init and handler time in X-Ray; no X-Ray SDK is
      // bundled (see lambdaBundling for why).
      tracing: lambda.Tracing.ACTIVE,
      layers: [powertoolsLayer(this)],
      logGroup: this.logGroup,
      bundling: nodejsBundlingOptions(props.route),
      role: props.roles?.roleFor(props.permissions) ?? this.ownRole(props),
    });
    acknowledge(this.fn, 'AwsSolutions-L1', NODE_22_REASON);
  }

  private ownRole(props: AppFunctionProps): iam.Role {
    const role = executionRole(this, 'Role', props.description);
    grantPermissions(role, props.permissions, props.data);
    return role;
  }
}
