import { jobs } from '../functions/jobs';
import { authorizerHandler, routes, type RouteDef, type RouteId } from '../functions/routes';

/**
 * What each function may touch, least privilege. Three capabilities:
 * - `table`: none, read (GetItem, Query, BatchGetItem, ...) or read/write (adds PutItem, UpdateItem,
 *   DeleteItem, and so TransactWriteItems);
 * - `fieldKey`: KMS GenerateDataKey + Decrypt on the field-encryption key (ID numbers, phones);
 * - `secrets`: which Secrets Manager secret it may read, if any: `app` (the signing master secret
 *   and the WeChat app secret; a function that can read it can mint session tokens, so few should)
 *   or `card` (only the key that signs service-card QR tokens).
 *
 * The HTTP method is only the default for `table`: a GET can write (reading a member's phone writes
 * an audit event) and a POST can be read-only (login). Every exception is declared below, and
 * test/cdk/permissions.test.ts bundles each function and checks that the AWS SDK commands its code
 * can send need exactly the capabilities declared here, no more and no less. A new route that is
 * not declared gets table access by method and neither the key nor the secret: deny by default,
 * and the test names what to add.
 */
/**
 * The DynamoDB actions behind each level. Deliberately not `grantReadData`/`grantReadWriteData`:
 * those add Scan, DescribeTable and stream reads. The design allows no Scan on a user-facing path,
 * and IAM now enforces it. TransactWriteItems and TransactGetItems are authorised through the
 * actions of their parts (PutItem, UpdateItem, DeleteItem, ConditionCheckItem, GetItem).
 */
export const tableActions = {
  none: [],
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const satisfies Record<FunctionPermissions['table'], readonly string[]>;

export const fieldKeyActions = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/**
 * On the attachments bucket: `presign` signs upload POSTs (the POST is authorised as the signer's
 * s3:PutObject); `read` checks stored objects (HeadObject) and signs download URLs (GetObject);
 * `attach` is read plus tagging an upload as attached, which exempts it from the expiry of
 * abandoned uploads.
 */
export const uploadActions = {
  none: [],
  presign: ['s3:PutObject'],
  read: ['s3:GetObject'],
  attach: ['s3:GetObject', 's3:PutObjectTagging'],
} as const satisfies Record<FunctionPermissions['uploads'], readonly string[]>;

export interface FunctionPermissions {
  table: 'none' | 'read' | 'readwrite';
  fieldKey: boolean;
  secrets: 'none' | 'app' | 'card' | 'app+card';
  uploads: 'none' | 'presign' | 'read' | 'attach';
}

const declared: Partial<Record<RouteId, Partial<FunctionPermissions>>> = {
  // Reads the binding and person; signs a bind ticket or session token.
  'auth.wechatLogin': { table: 'read', secrets: 'app' },
  // Blind-indexes the phone, decrypts ID numbers to compare, counts attempts, binds in a transaction.
  'auth.bind': { table: 'readwrite', fieldKey: true, secrets: 'app' },
  // Signs the card's QR token, with the card key only.
  'families.getCard': { secrets: 'card' },
  // Decrypts the phone and writes the audit event for reading another person's sensitive data.
  'families.revealMemberPhone': { table: 'readwrite', fieldKey: true, secrets: 'app' },
  // Signs an upload POST for one attachment, after the conversation check.
  'messaging.presignConversationUpload': { table: 'read', uploads: 'presign' },
  // The green channel verifies service-card QR tokens: the card key only (it cannot mint sessions).
  'hospital.checkCard': { table: 'read', secrets: 'card' },
  'hospital.checkIn': { secrets: 'card' },
  // The window's lookup verifies card codes and signs its ticket (card key), and blind-indexes a
  // name with ID digits (the app secret's index key: the import wrote the index with it); it
  // writes the rate window, the lookup log and the family's audit event.
  'hospital.findPatient': { secrets: 'app+card' },
  // The walk-in and emergency records verify the lookup's ticket: the card key only.
  'hospital.recordWalkIn': { secrets: 'card' },
  'hospital.recordEmergencyAdmission': { secrets: 'card' },
  // A doctor's read of a member's health data writes the audit event the family sees.
  'followups.getMemberHealth': { table: 'readwrite' },
  'prescriptions.list': { table: 'readwrite' },
  'messaging.presignConsultationUpload': { table: 'read', uploads: 'presign' },
  // Re-check the named uploads (HeadObject), tag them attached, sign the read URLs of the answer.
  'messaging.sendConversationMessage': { uploads: 'attach' },
  'messaging.sendConsultationMessage': { uploads: 'attach' },
  'messaging.createConsultation': { uploads: 'attach' },
  // Sign short-lived read URLs of the attachments on the page.
  'messaging.listConversationMessages': { uploads: 'read' },
  'messaging.listConsultationMessages': { uploads: 'read' },
  // The drawn signature: a 1 MB upload POST; the confirmation re-checks it (HeadObject, a ranged
  // GetObject of its magic bytes) and tags it attached; the contract page signs its read URL.
  'signing.presignSignature': { table: 'read', uploads: 'presign' },
  'signing.confirm': { uploads: 'attach' },
  'signing.getSignature': { uploads: 'read' },
  // Register import: signs the file's upload; reads it back, blind-indexes and encrypts ID numbers
  // and phones (field key, app secret), writes families in transactions.
  'imports.presignUpload': { table: 'read', uploads: 'presign' },
  'imports.start': { uploads: 'read' },
  // A family's first open of an article puts its read mark and adds one to the article's count.
  'articles.read': { table: 'readwrite' },
  // Staff lists that show a family's type or members' health write one audit event per viewer,
  // family and day (BatchWriteItem of the events not yet written today).
  'staff.listAssignedFamilies': { table: 'readwrite' },
  'staff.listSignedMembers': { table: 'readwrite' },
  'staff.listRegionFamilies': { table: 'readwrite' },
  'followups.getQueue': { table: 'readwrite' },
  // A new staff member's ID number and phone are field-encrypted and blind-indexed (the index key is an app secret).
  'people.createStaff': { fieldKey: true, secrets: 'app' },
  // A changed phone is encrypted and blind-indexed again.
  'people.updateStaff': { fieldKey: true, secrets: 'app' },
  // A corrected phone is stored encrypted with its blind index (binding finds the person by it).
  'lifecycle.correctMember': { fieldKey: true, secrets: 'app' },
};

export function routePermissions(route: Pick<RouteDef, 'id' | 'method'>): FunctionPermissions {
  return {
    table: route.method === 'GET' ? 'read' : 'readwrite',
    fieldKey: false,
    secrets: 'none',
    uploads: 'none',
    ...declared[route.id as RouteId],
  };
}

/** The authorizer only verifies the session token's signature: it needs the secret, no data. */
export const authorizerPermissions: FunctionPermissions = { table: 'none', fieldKey: false, secrets: 'app', uploads: 'none' };

/**
 * Every function the stack deploys, with its permissions: one per route, then the authorizer, then
 * the stream and scheduled jobs (their permissions are declared in functions/jobs.ts).
 */
export function deployedFunctions() {
  return [
    ...routes.map((route) => ({ name: route.id as string, handler: route.handler as string, route: route as RouteDef, permissions: routePermissions(route) })),
    { name: 'authorizer', handler: authorizerHandler, route: undefined, permissions: authorizerPermissions },
    ...jobs.map((job) => ({ name: job.name as string, handler: job.handler as string, route: undefined, permissions: job.permissions as FunctionPermissions })),
  ];
}
