import { randomBytes } from 'node:crypto';
import { LOCAL_WECHAT_APP_ID } from './keys';

/**
 * DEV ONLY. Stands in for two pieces of WeChat that do not exist off a phone: `wx.login` (which
 * hands the mini-program a one-time code) and the `code2Session` endpoint of WeChat's server (which
 * turns the code into an openid). Codes are single-use and live 5 minutes, like WeChat's. The
 * backend reaches this through its ordinary HTTPS client with WECHAT_API_BASE pointed here, which
 * it refuses to do outside the local stage.
 */
export interface SentSubscribeMessage {
  at: string;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export class WechatStandIn {
  private codes = new Map<string, { openid: string; expiresAt: number; used: boolean }>();
  private tokens = new Set<string>();
  /** Subscription messages "delivered" (what a phone would have shown), newest last. */
  readonly sent: SentSubscribeMessage[] = [];
  /** Injected failures for tests: the next `count` sends (to `touser`, if given) answer `errcode`. */
  private failures: Array<{ touser?: string; errcode: number }> = [];

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

  /** The JSON body of /cgi-bin/stable_token: an access token for subscribeMessage.send. */
  stableToken(body: { grant_type?: string; appid?: string; secret?: string }): Record<string, unknown> {
    if (body.grant_type !== 'client_credential' || body.appid !== LOCAL_WECHAT_APP_ID || body.secret !== this.appSecret) {
      return { errcode: 40125, errmsg: 'invalid appsecret' };
    }
    const token = randomBytes(24).toString('hex');
    this.tokens.add(token);
    return { access_token: token, expires_in: 7200 };
  }

  /** The JSON body of /cgi-bin/message/subscribe/send. */
  subscribeSend(accessToken: string | null, body: { touser?: string; template_id?: string; page?: string; data?: Record<string, { value: string }> }): Record<string, unknown> {
    if (!accessToken || !this.tokens.has(accessToken)) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    if (!body.touser || !body.template_id || !body.data) return { errcode: 47003, errmsg: 'argument invalid' };
    const i = this.failures.findIndex((f) => !f.touser || f.touser === body.touser);
    if (i >= 0) {
      const [failure] = this.failures.splice(i, 1);
      return { errcode: failure.errcode, errmsg: 'injected failure (local stand-in)' };
    }
    this.sent.push({ at: new Date().toISOString(), touser: body.touser, templateId: body.template_id, page: body.page ?? '', data: body.data });
    if (this.sent.length > 1000) this.sent.shift();
    return { errcode: 0, errmsg: 'ok', msgid: Date.now() };
  }

  /** Makes the next `count` sends fail with `errcode` (default -1, "system busy": retried). */
  failNext(count: number, errcode = -1, touser?: string): void {
    for (let i = 0; i < count; i++) this.failures.push({ touser, errcode });
  }
}
