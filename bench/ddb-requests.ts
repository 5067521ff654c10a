import type { SpawnedStack } from '../local/spawn';
import { PRIVACY_GUIDE_VERSION } from '../domain';

/**
 * DynamoDB requests per API call, read from the local runtime's x-lianxin-ddb-requests header
 * (counted by an SDK middleware in functions/lib/db/client.ts). Each route is called once by a
 * caller allowed to use it, so a regression in round trips shows up as a changed number.
 */
export interface RouteCall {
  routeId: string;
  as: string;
  method: string;
  path: string;
  body?: unknown;
  /** Budget where one is set; otherwise recorded only. */
  budget?: number;
}

export const routeCalls: RouteCall[] = [
  { routeId: 'me.get', as: 'p_m0001', method: 'GET', path: '/me' },
  { routeId: 'families.getContacts', as: 'p_m0001', method: 'GET', path: '/families/f_0001/contacts', budget: 1 },
  { routeId: 'families.getContacts (contact person)', as: 'p_cadre01', method: 'GET', path: '/families/f_0001/contacts' },
  { routeId: 'families.getCard', as: 'p_m0001', method: 'GET', path: '/families/f_0001/card' },
  { routeId: 'families.getAccessLog', as: 'p_m0001', method: 'GET', path: '/families/f_0001/access-log' },
  { routeId: 'families.revealMemberPhone', as: 'p_cadre01', method: 'GET', path: '/families/f_0001/members/p_m0001/phone' },
  { routeId: 'staff.listAssignedFamilies', as: 'p_cadre01', method: 'GET', path: '/contact/families' },
  { routeId: 'staff.listSignedMembers', as: 'p_doc01', method: 'GET', path: '/doctor/members' },
  { routeId: 'staff.listRegionFamilies', as: 'p_comm01', method: 'GET', path: '/commission/families' },
  { routeId: 'me.putConsent', as: 'p_m0002', method: 'PUT', path: '/me/consent', body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true } },
];

/** Logs in as a bound demo person through the WeChat stand-in; returns the token and the login call's request count. */
export async function login(stack: SpawnedStack, personId: string): Promise<{ token: string; status: number; requests: number }> {
  const codeRes = await fetch(`${stack.url}/__dev/wechat/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: `demo-openid-${personId}` }),
  });
  const { code } = (await codeRes.json()) as { code: string };
  const res = await fetch(`${stack.url}/auth/wechat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const body = (await res.json()) as { session?: { token: string } };
  if (!body.session) throw new Error(`login as ${personId} failed: ${JSON.stringify(body)}`);
  return { token: body.session.token, status: res.status, requests: Number(res.headers.get('x-lianxin-ddb-requests')) };
}

export async function measureDdbRequests(stack: SpawnedStack) {
  const first = await login(stack, 'p_m0001');
  const results = [{ routeId: 'auth.wechatLogin', as: 'p_m0001', status: first.status, requests: first.requests, budget: undefined as number | undefined, withinBudget: true }];
  for (const c of routeCalls) {
    const { token } = await login(stack, c.as);
    const res = await fetch(`${stack.url}${c.path}`, {
      method: c.method,
      headers: { authorization: `Bearer ${token}`, ...(c.body ? { 'content-type': 'application/json' } : {}) },
      body: c.body ? JSON.stringify(c.body) : undefined,
    });
    const requests = Number(res.headers.get('x-lianxin-ddb-requests'));
    results.push({ routeId: c.routeId, as: c.as, status: res.status, requests, budget: c.budget, withinBudget: c.budget === undefined || requests <= c.budget });
  }
  return results;
}
