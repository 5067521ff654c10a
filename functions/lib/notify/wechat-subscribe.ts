import { getConfig, OFFICIAL_WECHAT_API } from '../config';
import { getSecrets } from '../crypto/secrets';

/**
 * WeChat's subscribeMessage.send over HTTPS, with the access token it needs. The only module that
 * talks to that API. In the local stage the API base points at the stand-in local/ serves; anywhere
 * else that is refused, as for code2Session (auth/wechat.ts).
 *
 * The token comes from `/cgi-bin/stable_token`, not `/cgi-bin/token`: several Lambda containers
 * each fetch one, and the stable token is the same for all of them, so one container's fetch does
 * not invalidate another's token. It is cached per container until shortly before it expires.
 */
export type SendOutcome =
  | { kind: 'sent' }
  /** The user has no subscription left on WeChat's side (43101) or blocked us: do not retry. */
  | { kind: 'refused'; error: string }
  /** A fault that will not go away by retrying (unknown openid, bad template). */
  | { kind: 'permanent'; error: string }
  /** Network, timeout, WeChat busy, token expired: try again later. */
  | { kind: 'transient'; error: string };

export interface SubscribeMessage {
  openid: string;
  /** Our template name (domain/notifications.ts); mapped to WeChat's template id here. */
  template: string;
  page: string;
  data: Record<string, string>;
}

let cachedToken: { token: string; expiresAt: number } | undefined;

function apiBase(): string {
  const config = getConfig();
  if (config.stage !== 'local' && config.wechatApiBase !== OFFICIAL_WECHAT_API) {
    throw new Error(`WECHAT_API_BASE must be ${OFFICIAL_WECHAT_API} outside the local stage`);
  }
  return config.wechatApiBase.replace(/\/$/, '');
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function accessToken(nowMs: number): Promise<string> {
  if (cachedToken && cachedToken.expiresAt > nowMs) return cachedToken.token;
  const config = getConfig();
  const { wechatAppSecret } = await getSecrets();
  const body = await postJson(`${apiBase()}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: config.wechatAppId, secret: wechatAppSecret });
  if (typeof body.access_token !== 'string') throw new Error(`stable_token error ${String(body.errcode)}: ${String(body.errmsg)}`);
  // Renew five minutes early so a token never expires between the check and the send.
  cachedToken = { token: body.access_token, expiresAt: nowMs + (Number(body.expires_in ?? 7200) - 300) * 1000 };
  return cachedToken.token;
}

/** WeChat error codes that retrying cannot fix (https://developers.weixin.qq.com, subscribeMessage.send). */
const refusedCodes = new Set([43101]);
const permanentCodes = new Set([40003, 40037, 41030, 47003]);
const tokenCodes = new Set([40001, 42001, 40014]);

export async function sendSubscribeMessage(message: SubscribeMessage, now: Date): Promise<SendOutcome> {
  const templateId = getConfig().wechatTemplateIds[message.template] ?? (getConfig().stage === 'local' ? message.template : undefined);
  if (!templateId) return { kind: 'permanent', error: `no WeChat template id configured for ${message.template}` };
  let body: Record<string, unknown>;
  try {
    const token = await accessToken(now.getTime());
    body = await postJson(`${apiBase()}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      touser: message.openid,
      template_id: templateId,
      page: message.page,
      data: Object.fromEntries(Object.entries(message.data).map(([k, v]) => [k, { value: v }])),
      miniprogram_state: getConfig().stage === 'prod' ? 'formal' : 'developer',
      lang: 'zh_CN',
    });
  } catch (err) {
    return { kind: 'transient', error: `request failed: ${(err as Error).message}` };
  }
  const code = Number(body.errcode ?? 0);
  if (code === 0) return { kind: 'sent' };
  const error = `errcode ${code}: ${String(body.errmsg ?? '')}`;
  if (tokenCodes.has(code)) cachedToken = undefined;
  if (refusedCodes.has(code)) return { kind: 'refused', error };
  if (permanentCodes.has(code)) return { kind: 'permanent', error };
  return { kind: 'transient', error };
}
