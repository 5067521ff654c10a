import Taro from '@tarojs/taro';
import { PRIVACY_GUIDE_VERSION, Session, WechatLoginResponse, type Consent, type Me } from '@domain';
import { isH5 } from './config';
import { ApiFailure, messages } from './errors';
import { publicCall } from './parse';

const keys = {
  session: 'lianxin.session',
  /** H5 local stage only: which demo persona stands in for this browser's WeChat user. */
  devOpenid: 'lianxin.devOpenid',
  bindTicket: 'lianxin.bindTicket',
} as const;

/** Refresh this long before the token expires, so a request never starts with a dying token. */
const REFRESH_MARGIN_MS = 2 * 60 * 1000;

export function loadSession(): Session | null {
  adoptPersonaFromUrl();
  const raw = Taro.getStorageSync(keys.session);
  if (!raw) return null;
  const parsed = Session.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(keys.session, session);
}

export function clearSession(): void {
  Taro.removeStorageSync(keys.session);
}

/** After PUT /me/consent the stored copy of `me` must agree, or the start page would ask again. */
export function saveConsent(consent: Consent): void {
  const session = loadSession();
  if (session) saveSession({ ...session, me: { ...session.me, consent } });
}

export function saveMe(me: Me): void {
  const session = loadSession();
  if (session) saveSession({ ...session, me });
}

export function needsConsent(me: Me): boolean {
  return !me.consent || me.consent.privacyGuideVersion !== PRIVACY_GUIDE_VERSION;
}

export function isExpiring(session: Session, now = Date.now()): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt - now < REFRESH_MARGIN_MS;
}

// ---- H5 demo persona (local stage only) ----

export function devOpenid(): string | null {
  if (!isH5) return null;
  adoptPersonaFromUrl();
  return (Taro.getStorageSync(keys.devOpenid) as string) || null;
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(keys.devOpenid, openid);
}

/**
 * `?persona=<openid>` before the hash picks a demo persona without tapping through the login
 * page, so a reviewer or an automated check can open any page directly. H5 (local stage) only.
 */
let personaAdopted = false;
function adoptPersonaFromUrl(): void {
  // Once per page load: afterwards the login page may switch persona without the URL undoing it.
  if (!isH5 || personaAdopted || typeof window === 'undefined') return;
  personaAdopted = true;
  const wanted = new URLSearchParams(window.location.search).get('persona');
  if (!wanted) return;
  if (Taro.getStorageSync(keys.devOpenid) !== wanted) {
    Taro.setStorageSync(keys.devOpenid, wanted);
    clearSession();
  }
}

// ---- WeChat login ----

/**
 * The local stage's stand-in for wx.login, H5 only. A module-level constant condition lets webpack
 * drop the require, so the WeChat build carries no dev-login code at all.
 */
const devLogin: typeof import('./dev') | null = process.env.TARO_ENV === 'h5' ? require('./dev') : null;

async function obtainLoginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const openid = devOpenid();
    if (!openid) throw new ApiFailure('session', 401, messages.sessionExpired);
    return devLogin!.devLoginCode(openid);
  }
  try {
    const { code } = await Taro.login();
    if (!code) throw new Error('no code');
    return code;
  } catch {
    throw new ApiFailure('network', 0, '微信登录没有成功，请检查网络后再试一次');
  }
}

export interface BindTicket {
  bindTicket: string;
  bindTicketExpiresAt: string;
}

export function loadBindTicket(): BindTicket | null {
  const raw = Taro.getStorageSync(keys.bindTicket) as BindTicket | '';
  return raw && raw.bindTicket ? raw : null;
}

export function clearBindTicket(): void {
  Taro.removeStorageSync(keys.bindTicket);
}

/**
 * wx.login → POST /auth/wechat. A bound user gets a session (stored); an unbound one gets a bind
 * ticket (stored for the binding page).
 */
export async function loginWithWechat(): Promise<WechatLoginResponse> {
  const code = await obtainLoginCode();
  const result = await publicCall('POST', '/auth/wechat', WechatLoginResponse, { body: { code } });
  if (result.status === 'bound') {
    saveSession(result.session);
    clearBindTicket();
  } else {
    clearSession();
    Taro.setStorageSync(keys.bindTicket, { bindTicket: result.bindTicket, bindTicketExpiresAt: result.bindTicketExpiresAt });
  }
  return result;
}

let inflight: Promise<Session> | null = null;

/**
 * Log in again without asking the user (wx.login needs no tap). Concurrent callers share one
 * attempt, so ten expiring requests make one login, not ten.
 */
export function silentLogin(): Promise<Session> {
  if (!inflight) {
    inflight = (async () => {
      try {
        const result = await loginWithWechat();
        if (result.status !== 'bound') throw new ApiFailure('session', 401, messages.sessionExpired);
        return result.session;
      } catch (err) {
        if (err instanceof ApiFailure && (err.kind !== 'http' || err.status >= 500 || err.status === 429)) throw err;
        // The login itself was refused (e.g. the person was unbound): only a fresh login helps.
        throw new ApiFailure('session', 401, messages.sessionExpired);
      }
    })().finally(() => {
      inflight = null;
    });
  }
  return inflight;
}

/** A session that will outlive the next request, refreshed when less than two minutes remain. */
export async function freshSession(): Promise<Session> {
  const session = loadSession();
  if (!session) {
    // On H5 a chosen demo persona can always log in again; on WeChat the start page sends the
    // user to the login page first, so an empty store here means they logged out.
    if (isH5 && devOpenid()) return silentLogin();
    throw new ApiFailure('session', 401, messages.sessionExpired);
  }
  if (isExpiring(session)) return silentLogin();
  return session;
}

export function logout(): void {
  clearSession();
  clearBindTicket();
  if (isH5) Taro.removeStorageSync(keys.devOpenid);
}
