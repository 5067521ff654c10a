import { getConfig, OFFICIAL_WECHAT_API } from '../config';
import { getSecrets } from '../crypto/secrets';

/**
 * WeChat's code2Session over HTTPS. In the local stage the API base points at the stand-in that
 * local/ serves; anywhere else that is refused, so a dev stand-in can never vouch for a user in
 * production.
 */
export interface WechatSession {
  openid: string;
  unionid?: string;
}

export class WechatError extends Error {
  constructor(
    readonly kind: 'invalid_code' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export async function code2Session(code: string): Promise<WechatSession> {
  const config = getConfig();
  if (config.stage !== 'local' && config.wechatApiBase !== OFFICIAL_WECHAT_API) {
    throw new Error(`WECHAT_API_BASE must be ${OFFICIAL_WECHAT_API} outside the local stage`);
  }
  const { wechatAppSecret } = await getSecrets();
  // Appended, not resolved: the local stand-in lives under a path prefix.
  const url = new URL(`${config.wechatApiBase.replace(/\/$/, '')}/sns/jscode2session`);
  url.search = new URLSearchParams({
    appid: config.wechatAppId,
    secret: wechatAppSecret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();

  let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    body = (await res.json()) as typeof body;
  } catch (err) {
    throw new WechatError('unavailable', `code2Session request failed: ${(err as Error).message}`);
  }
  // 40029 invalid code, 40163 code already used: both mean "log in again", not a server fault.
  if (body.errcode === 40029 || body.errcode === 40163) throw new WechatError('invalid_code', body.errmsg ?? 'invalid code');
  if (body.errcode || !body.openid) throw new WechatError('unavailable', `code2Session error ${body.errcode}: ${body.errmsg}`);
  // session_key is deliberately dropped: nothing here decrypts WeChat's encrypted data yet, and a
  // key we do not keep cannot leak.
  return { openid: body.openid, unionid: body.unionid };
}
