import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '../config';
import { recordDynamoRequest } from './request-counter';

let documentClient: DynamoDBDocumentClient | undefined;

/** One client per process, created on first use (not at import, to keep cold starts light). */
export function db(): DynamoDBDocumentClient {
  if (documentClient) return documentClient;
  const config = getConfig();
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.dynamoEndpoint
      ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      recordDynamoRequest(String(context.commandName ?? 'unknown'));
      return next(args);
    },
    { step: 'initialize', name: 'lianxinRequestCounter' },
  );
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export const tableName = () => getConfig().tableName;
