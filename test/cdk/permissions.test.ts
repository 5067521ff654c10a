import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildLambdaBundles, type BuiltBundle } from '../../bench/lambda-bundles';
import { deployedFunctions, fieldKeyActions, tableActions, uploadActions, type FunctionPermissions } from '../../cdk/permissions';

/**
 * The IAM permissions declared in cdk/permissions.ts match what each function's code can actually
 * call. The AWS SDK is external to the bundles, so every command a function can send survives
 * minification by name (`x.PutCommand`, `{GetSecretValueCommand: y}`): the bundle is the list of
 * what the function may do at run time, after tree shaking.
 */
const commandActions: Record<string, string[]> = {
  // @aws-sdk/lib-dynamodb and @aws-sdk/client-dynamodb
  GetCommand: ['dynamodb:GetItem'],
  GetItemCommand: ['dynamodb:GetItem'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchGetItemCommand: ['dynamodb:BatchGetItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  TransactGetItemsCommand: ['dynamodb:GetItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  PutCommand: ['dynamodb:PutItem'],
  PutItemCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  UpdateItemCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  DeleteItemCommand: ['dynamodb:DeleteItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  BatchWriteItemCommand: ['dynamodb:BatchWriteItem'],
  TransactWriteCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  TransactWriteItemsCommand: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  // @aws-sdk/client-kms
  GenerateDataKeyCommand: ['kms:GenerateDataKey'],
  DecryptCommand: ['kms:Decrypt'],
  // @aws-sdk/client-secrets-manager
  GetSecretValueCommand: ['secretsmanager:GetSecretValue'],
  // @aws-sdk/client-s3 (the attachments bucket); a presigned GET names GetObjectCommand too
  HeadObjectCommand: ['s3:GetObject'],
  GetObjectCommand: ['s3:GetObject'],
  PutObjectTaggingCommand: ['s3:PutObjectTagging'],
};

const dynamoWrites = new Set(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem']);

function needed(code: string) {
  const commands = [...new Set(code.match(/\b[A-Z][A-Za-z0-9]*Command\b/g) ?? [])].sort();
  const unknown = commands.filter((c) => !commandActions[c]);
  // A presigned POST sends no command: the upload is authorised as the signer's s3:PutObject.
  const presigns = /\bcreatePresignedPost\b/.test(code);
  const actions = [...new Set([...commands.flatMap((c) => commandActions[c] ?? []), ...(presigns ? ['s3:PutObject'] : [])])].sort();
  const dynamo = actions.filter((a) => a.startsWith('dynamodb:'));
  // The code shows whether a secret is read, not which one: the stack test checks which.
  const permissions = {
    table: (dynamo.length === 0 ? 'none' : dynamo.some((a) => dynamoWrites.has(a)) ? 'readwrite' : 'read') as FunctionPermissions['table'],
    fieldKey: actions.some((a) => a.startsWith('kms:')),
    readsASecret: actions.includes('secretsmanager:GetSecretValue'),
    uploads: (presigns ? 'presign' : actions.includes('s3:PutObjectTagging') ? 'attach' : actions.includes('s3:GetObject') ? 'read' : 'none') as FunctionPermissions['uploads'],
  };
  return { commands, unknown, actions, permissions };
}

let dir: string;
let bundles: BuiltBundle[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lianxin-permissions-'));
  bundles = await buildLambdaBundles(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(deployedFunctions().map((f) => [f.name, f]))('%s', (name, f) => {
  let use: ReturnType<typeof needed>;
  beforeAll(async () => {
    use = needed(await readFile(bundles.find((b) => b.route === name)!.file, 'utf8'));
  });

  it('sends only AWS SDK commands this test knows the IAM actions of', () => {
    expect(use.unknown).toEqual([]);
  });

  it('is granted every action its code can call (and never Scan)', () => {
    const granted = new Set<string>([
      ...tableActions[f.permissions.table],
      ...(f.permissions.fieldKey ? fieldKeyActions : []),
      ...(f.permissions.secrets !== 'none' ? ['secretsmanager:GetSecretValue'] : []),
      ...uploadActions[f.permissions.uploads],
    ]);
    expect({ function: name, missing: use.actions.filter((a) => !granted.has(a)) }).toEqual({ function: name, missing: [] });
  });

  it('is declared with exactly the capabilities its code needs (cdk/permissions.ts), no more', () => {
    const { secrets, ...rest } = f.permissions;
    expect({ function: name, permissions: { ...rest, readsASecret: secrets !== 'none' } }).toEqual({ function: name, permissions: use.permissions });
  });
});
