/**
 * Every failed call surfaces as one ApiFailure whose `message` is Chinese and safe to show.
 * `kind` tells the page what to do: 'session' means the user must log in again (the page goes to
 * the login page), 'consent' that the privacy guide must be agreed first; everything else is
 * shown with a retry button.
 */
export type FailureKind = 'network' | 'http' | 'contract' | 'session' | 'consent';

export class ApiFailure extends Error {
  readonly kind: FailureKind;
  /** HTTP status, 0 when the request never got an answer. */
  readonly status: number;
  /** The API's `error` code (e.g. 'binding_failed'), when it sent one. */
  readonly code?: string;
  /** Per-field Chinese messages keyed like 'body.name'. */
  readonly fields?: Record<string, string>;

  constructor(kind: FailureKind, status: number, message: string, code?: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiFailure';
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export const messages = {
  network: '网络连接失败，请检查网络后再试一次',
  server: '服务暂时不可用，请稍后再试',
  contract: '收到的数据有误，请稍后再试；如果一直这样，请联系村（社区）联系人',
  sessionExpired: '登录已过期，请重新登录',
  consentNeeded: '请先阅读并同意隐私保护指引',
} as const;

/** Turns any thrown value into text a user can read. */
export function failureMessage(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  return messages.server;
}
