import { randomBytes } from 'node:crypto';
import { LOCAL_WECHAT_APP_ID } from './keys';

/**
 * DEV ONLY. Stands in for two pieces of WeChat that do not exist off a phone: `wx.login` (which
 * hands the mini-program a one-time code) and the `code2Session` endpoint of WeChat's server (which
 * turns the code into an openid). Codes are single-use and live 5 minutes, like WeChat's. The
 * backend reaches this through its ordinary HTTPS client with WECHAT_API_BASE pointed here, which
 * it refuses to do outside the local stage.
 */
export class WechatStandIn {
  private codes = new Map<string, { openid: string; expiresAt: number; used: boolean }>();

  constructor(private readonly appSecret: string) {}

  /** What wx.login would return on the phone of the WeChat user `openid`. */
  issueCode(openid: string): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { openid, expiresAt: Date.now() + 5 * 60_000, used: false });
    return code;
  }

  /** The JSON body WeChat's /sns/jscode2session would answer. */
  code2Session(params: URLSearchParams): Record<string, unknown> {
    if (params.get('appid') !== LOCAL_WECHAT_APP_ID || params.get('secret') !== this.appSecret) {
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    }
    const entry = this.codes.get(params.get('js_code') ?? '');
    if (!entry || entry.expiresAt < Date.now()) return { errcode: 40029, errmsg: 'invalid code' };
    if (entry.used) return { errcode: 40163, errmsg: 'code been used' };
    entry.used = true;
    return { openid: entry.openid, session_key: randomBytes(16).toString('base64') };
  }
}
