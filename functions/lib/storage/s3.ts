import type { S3Client } from '@aws-sdk/client-s3';
import { getConfig } from '../config';

/**
 * One S3 client per process, for the attachments bucket. In the local stage it talks to the local
 * S3 server (local/s3.ts) with its fixed development credentials; anywhere else an endpoint
 * override is refused, so a deployed function can only ever reach the real bucket.
 */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export type S3Sdk = typeof import('@aws-sdk/client-s3');

let loading: Promise<{ sdk: S3Sdk; client: S3Client }> | undefined;

/**
 * The S3 SDK and its client, loaded on first use rather than at import: the functions that can
 * touch a file mostly do not (a message without a photo, a contract signed on screen earlier), and
 * loading the S3 client at cold start cost them about as much as the rest of their code together.
 */
export function s3(): Promise<{ sdk: S3Sdk; client: S3Client }> {
  loading ??= import('@aws-sdk/client-s3').then((sdk) => {
    const config = getConfig();
    if (config.s3Endpoint && config.stage !== 'local') throw new Error('S3_ENDPOINT may only be set in the local stage');
    const client = new sdk.S3Client({
      region: config.region,
      ...(config.s3Endpoint ? { endpoint: config.s3Endpoint, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS } : {}),
    });
    return { sdk, client };
  });
  return loading;
}

export const uploadsBucket = () => getConfig().uploadsBucket;
