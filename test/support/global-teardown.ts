export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__lianxinStack;
  globalThis.__lianxinStack = undefined;
  await stack?.stop();
}
