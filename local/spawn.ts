import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs local/start.ts (what `npm start` runs) in a child process with DynamoDB Local in memory on
 * free ports, for tests and benchmarks, and waits for its LIANXIN_READY line.
 */
export interface SpawnedStack {
  url: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  keyFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `seed: false`: the table stays empty (no demo county).
 * `logFile`: after the start, everything the stack prints (its functions' JSON log lines included)
 * is appended there, so a 500 in a test run can be explained afterwards.
 */
export async function spawnLocalStack(options: { tableName?: string; verbose?: boolean; dynamoFaults?: boolean; logFile?: string; seed?: boolean } = {}): Promise<SpawnedStack> {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'lianxin-')), 'keys.json');
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('local/start.ts')], {
    env: {
      ...process.env,
      PORT: '0',
      LIANXIN_DATA_DIR: 'memory',
      LIANXIN_KEY_FILE: keyFile,
      LIANXIN_TABLE: options.tableName ?? 'lianxin-test',
      LIANXIN_EMIT_READY: '1',
      ...(options.dynamoFaults ? { LIANXIN_DYNAMO_FAULTS: '1' } : {}),
      ...(options.seed === false ? { LIANXIN_SEED: 'none' } : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const ready = await new Promise<{ url: string; dynamoEndpoint: string; s3Endpoint: string; tableName: string; keyFile: string }>((resolveReady, reject) => {
    // Output is kept only until the stack is ready, to explain a failed start.
    let output = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`local stack did not start within 60 s:\n${output}`)), 60_000);
    const keep = (chunk: Buffer) => {
      if (started && options.logFile) appendFileSync(options.logFile, chunk);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (started) return;
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('LIANXIN_READY '));
      if (line) {
        started = true;
        clearTimeout(timer);
        resolveReady(JSON.parse(line.slice('LIANXIN_READY '.length)));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (!started) output += chunk.toString();
      if (options.verbose) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${output}`));
    });
  });

  return {
    ...ready,
    child,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The environment a process needs to use the functions' DynamoDB and key code against a stack. */
export function stackEnvironment(stack: Pick<SpawnedStack, 'dynamoEndpoint' | 'tableName' | 'keyFile'> & Partial<Pick<SpawnedStack, 's3Endpoint'>>) {
  return {
    ...(stack.s3Endpoint ? { S3_ENDPOINT: stack.s3Endpoint, UPLOADS_BUCKET: 'lianxin-local-uploads' } : {}),
    STAGE: 'local',
    DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
    TABLE_NAME: stack.tableName,
    LOCAL_KEY_FILE: stack.keyFile,
    AWS_REGION: 'cn-north-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
