import { S3Client } from '@aws-sdk/client-s3';
import { getConfig } from '../config';

/**
 * One S3 client per process, for the attachments bucket. In the local stage it talks to the local
 * S3 server (local/s3.ts) with its fixed development credentials; anywhere else an endpoint
 * override is refused, so a deployed function can only ever reach the real bucket.
 */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

let client: S3Client | undefined;

export function s3(): S3Client {
  if (client) return client;
  const config = getConfig();
  if (config.s3Endpoint && config.stage !== 'local') throw new Error('S3_ENDPOINT may only be set in the local stage');
  client = new S3Client({
    region: config.region,
    ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS } : {}),
  });
  return client;
}

export const uploadsBucket = () => getConfig().uploadsBucket;
