import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/lib/db/keys';
import type { SpawnedStack } from '../local/spawn';

/**
 * Latency of the contacts route through the local HTTP API, against one raw DynamoDB GetItem to the
 * same DynamoDB Local in the same run. Only the ratio means anything on a shared, noisy machine;
 * the two are interleaved so drift hits both alike.
 */
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

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
  for (let i = 0; i < 30; i++) {
    await getItem();
    await contacts();
  }
  const api: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await getItem();
    raw.push(performance.now() - t);
    t = performance.now();
    await contacts();
    api.push(performance.now() - t);
  }
  client.destroy();
  api.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    iterations,
    contactsRouteMs: { p50: round(percentile(api, 50)), p99: round(percentile(api, 99)) },
    rawGetItemMs: { p50: round(percentile(raw, 50)), p99: round(percentile(raw, 99)) },
    ratio: { p50: round(percentile(api, 50) / percentile(raw, 50)), p99: round(percentile(api, 99) / percentile(raw, 99)) },
  };
}
