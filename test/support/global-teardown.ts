export default async function globalTeardown(): Promise<void> {
  const child = globalThis.__lianxinStack;
  globalThis.__lianxinStack = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
  await exited;
  clearTimeout(timer);
}
