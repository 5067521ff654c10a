import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/lib/db/keys';
import type { SpawnedStack } from '../local/spawn';
import { pairedLatency } from './paired-latency';

/**
 * Latency of the contacts route through the local HTTP API, against one raw DynamoDB GetItem to the
 * same DynamoDB Local in the same run. Only the ratio means anything on a shared, noisy machine;
 * the two are interleaved so drift hits both alike.
 */

export async function measureApiLatency(stack: SpawnedStack, token: string, iterations = 300) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  const getItem = () => client.send(new GetCommand({ TableName: stack.tableName, Key: keys.familyProfile('f_0001') }));
  const contacts = async () => {
    const res = await fetch(`${stack.url}/families/f_0001/contacts`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`contacts answered ${res.status}`);
    await res.arrayBuffer();
  };
  const latency = await pairedLatency(contacts, getItem, { iterations, warmup: 30 });
  client.destroy();
  return { iterations, contactsRouteMs: latency.routeMs, rawGetItemMs: latency.rawMs, ratio: latency.ratio };
}
