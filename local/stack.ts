import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { startDynamoLocal } from './dynamodb';
import { DynamoFaults, startDynamoFaultProxy } from './dynamo-faults';
import { ensureLocalKeyFile, LOCAL_WECHAT_APP_ID } from './keys';
import { seedDemoCountyIfEmpty } from './seed/seed';
import { personas, type Persona } from './seed/personas';
import { createLocalServer } from './server';
import { startLocalJobs } from './jobs';
import { startLocalS3 } from './s3';
import { ensureTable } from './table';
import { WechatStandIn } from './wechat-stand-in';

export interface LocalStackOptions {
  /** HTTP port for the API and the H5 build; 0 picks a free one. */
  port: number;
  /** Where DynamoDB Local keeps its data; null keeps it in memory. */
  dataDir: string | null;
  /** Where the local S3 keeps objects (a temporary directory when dataDir is null). */
  s3Dir: string;
  keyFile: string;
  h5Dir?: string;
  tableName?: string;
  /** Puts the DynamoDB fault injector in front of DynamoDB Local, switched by /__dev/faults. */
  dynamoFaults?: boolean;
  /**
   * false: leave an empty table empty (no demo county), for the go-live test that builds a county
   * through the API alone, as a real county starts. Default true.
   */
  seed?: boolean;
}

export interface LocalStack {
  url: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  seeded: boolean;
  personas: Persona[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv: Server = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts DynamoDB Local, makes the table from the shared definition, seeds the demo county when the
 * table is empty, and serves the API, the WeChat stand-ins and the H5 build on one port.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const tableName = options.tableName ?? 'lianxin-local';
  await ensureLocalKeyFile(options.keyFile);
  const keyFile = JSON.parse(await readFile(options.keyFile, 'utf8')) as { wechatAppSecret: string };

  const dynamo = await startDynamoLocal({ port: await freePort(), dataDir: options.dataDir });
  // Tests put the fault injector between the functions and DynamoDB (local/dynamo-faults.ts); the
  // endpoint reported to them stays the direct one, so their own checks never meet a fault.
  const faults = options.dynamoFaults ? new DynamoFaults() : undefined;
  const proxy = faults ? await startDynamoFaultProxy(dynamo.endpoint, faults) : undefined;
  const bucket = 'lianxin-local-uploads';
  const httpPort = options.port || (await freePort());
  const url = `http://127.0.0.1:${httpPort}`;
  // The app's pages upload from the one origin the local server serves them on (by either name).
  const s3 = await startLocalS3({ directory: options.s3Dir, bucket, allowedOrigins: [url, `http://localhost:${httpPort}`] });
  try {
    // The functions read their configuration from the environment, as they do in Lambda.
    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: proxy?.endpoint ?? dynamo.endpoint,
      LOCAL_KEY_FILE: resolve(options.keyFile),
      AWS_REGION: 'cn-north-1',
      // A developer with a real test AppID may point the local stage at WeChat itself (README).
      WECHAT_APP_ID: process.env.WECHAT_APP_ID ?? LOCAL_WECHAT_APP_ID,
      WECHAT_API_BASE: process.env.WECHAT_API_BASE ?? `${url}/__wechat`,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // DynamoDB Local queues transactions (a contention test's hundreds wait seconds each), so the
      // deployed 2 s request timeout would give up on requests merely waiting their turn. Requests
      // under an injected fault keep the deployed timeout (functions/lib/db/client.ts).
      DYNAMODB_REQUEST_TIMEOUT_MS: process.env.DYNAMODB_REQUEST_TIMEOUT_MS ?? '30000',
      S3_ENDPOINT: s3.endpoint,
      UPLOADS_BUCKET: bucket,
    });

    const admin = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(admin, tableName);
    admin.destroy();
    const seeded = options.seed === false ? false : await seedDemoCountyIfEmpty();

    const server = createLocalServer({
      h5Dir: options.h5Dir ?? resolve('miniapp/dist-h5'),
      wechat: new WechatStandIn(keyFile.wechatAppSecret),
      personas,
      faults,
    });
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(httpPort, '127.0.0.1', () => resolveListen());
    });
    // Stands in for the table stream and the schedules that run the jobs in AWS (functions/jobs.ts).
    const localJobs = startLocalJobs({ seeded });

    return {
      url,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      tableName,
      seeded,
      personas,
      async stop() {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        await localJobs.stop();
        await s3.stop();
        await proxy?.stop();
        await dynamo.stop();
      },
    };
  } catch (err) {
    await s3.stop();
    await proxy?.stop();
    await dynamo.stop();
    throw err;
  }
}
