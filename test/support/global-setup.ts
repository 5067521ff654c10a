import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Starts the local stack exactly as `npm start` does (the same program, local/start.ts), with
 * DynamoDB Local in memory on free ports, once for the whole run: the api and e2e projects share
 * it. Test workers find it, and the table for their before/after checks, through the environment.
 */
declare global {
  // eslint-disable-next-line no-var
  var __lianxinStack: ChildProcess | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (globalThis.__lianxinStack) return;
  const keyFile = join(mkdtempSync(join(tmpdir(), 'lianxin-test-')), 'keys.json');
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('local/start.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      LIANXIN_DATA_DIR: 'memory',
      LIANXIN_KEY_FILE: keyFile,
      LIANXIN_TABLE: 'lianxin-test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  globalThis.__lianxinStack = child;
  process.once('exit', () => child.kill('SIGKILL'));

  const ready = await new Promise<{ url: string; dynamoEndpoint: string; tableName: string; keyFile: string }>((resolveReady, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`local stack did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('LIANXIN_READY '));
      if (line) {
        clearTimeout(timer);
        resolveReady(JSON.parse(line.slice('LIANXIN_READY '.length)));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.LIANXIN_TEST_VERBOSE) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${output}`));
    });
  });
  // Keep draining the child's output so it never blocks on a full pipe.
  child.stdout!.resume();

  Object.assign(process.env, {
    LIANXIN_API_URL: ready.url,
    STAGE: 'local',
    DYNAMODB_ENDPOINT: ready.dynamoEndpoint,
    TABLE_NAME: ready.tableName,
    LOCAL_KEY_FILE: ready.keyFile,
    AWS_REGION: 'cn-north-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
}
