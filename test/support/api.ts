import { personas } from '../../local/seed/personas';

/** HTTP access to the local stack started by global-setup.ts, as the mini-program would call it. */
export const apiUrl = () => {
  const url = process.env.LIANXIN_API_URL;
  if (!url) throw new Error('LIANXIN_API_URL is not set: run through jest (global-setup starts the stack)');
  return url;
};

export interface ApiResponse<T = any> {
  status: number;
  // `any` so tests can read fields of any route's answer; each test asserts the shape it expects.
  body: T;
  headers: Headers;
  /** DynamoDB requests the call made (local runtime header). */
  ddbRequests: number;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${apiUrl()}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the raw text
  }
  return { status: res.status, body: parsed as T, headers: res.headers, ddbRequests: Number(res.headers.get('x-lianxin-ddb-requests') ?? NaN) };
}

/** What wx.login would give the WeChat user `openid` (the local stand-in). */
export async function wxLoginCode(openid: string): Promise<string> {
  const res = await call<{ code: string }>('POST', '/__dev/wechat/login', { body: { openid } });
  if (res.status !== 200) throw new Error(`stand-in refused: ${JSON.stringify(res.body)}`);
  return res.body.code;
}

const tokenCache = new Map<string, string>();

/** Logs in as a bound demo person (by personId) and returns the session token. */
export async function tokenFor(personId: string): Promise<string> {
  const cached = tokenCache.get(personId);
  if (cached) return cached;
  const openid = `demo-openid-${personId}`;
  const res = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  if (res.status !== 200 || res.body.status !== 'bound') throw new Error(`login as ${personId} failed: ${res.status} ${JSON.stringify(res.body)}`);
  tokenCache.set(personId, res.body.session.token);
  return res.body.session.token;
}

export { personas };

