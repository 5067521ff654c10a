import { memberPhoneRevealRoles } from '../domain/policy/visibility';
import type { Role } from '../domain/roles';
import { policyRoutes } from './policy/routes';
import { signingRoutes } from './signing/routes';
import { notificationsRoutes } from './notifications/routes';
import { messagingRoutes } from './messaging/routes';
import { bookingRoutes } from './booking/routes';
import { followupsRoutes } from './followups/routes';
import { ledgerRoutes } from './ledger/routes';
import { requestsRoutes } from './requests/routes';
import { importsRoutes } from './imports/routes';
import { entitlementsRoutes } from './entitlements/routes';
import { articlesRoutes } from './articles/routes';
import { problemsRoutes } from './problems/routes';
import { institutionsRoutes } from './institutions/routes';
import { reportRoutes } from './report/routes';
import { hospitalRoutes } from './hospital/routes';
import { peopleRoutes } from './people/routes';
import { actingRoutes } from './acting/routes';
import { lifecycleRoutes } from './lifecycle/routes';
import { changesRoutes } from './changes/routes';
import { countySupportRoutes } from './county-support/routes';

/**
 * Every API route, with its handler and who may call it. The CDK stack makes one function per
 * entry and the local runtime serves the same list, so the two cannot drift. Anything not listed
 * here does not exist, and a route without `access` would fail the type check: deny by default.
 */
export type Access =
  /** Anyone, no token: only the login steps. */
  | { kind: 'public' }
  /**
   * Signed-in callers with one of these roles. `scope: 'family'` additionally requires the
   * `{familyId}` in the path to be within the caller's reach (functions/lib/http/scope.ts).
   */
  | {
      kind: 'roles';
      roles: readonly Role[];
      scope?: 'family';
      /**
       * A city commission officer may call this route. Every other route refuses them before the
       * handler runs: handlers branch on `level === 'township'` / `'county'`, and a city officer
       * must never fall into a county branch (deny by default, functions/lib/http/route-handler.ts).
       */
      city?: true;
    };

export interface RouteDef {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Module under functions/, without extension; it exports `handler`. */
  handler: string;
  access: Access;
  summary: string;
  /**
   * The route takes an `Idempotency-Key` header: a retry with the same key and request gets the
   * first answer without anything being written, the same key with another request gets 409
   * (functions/lib/http/idempotency.ts). Its handler puts `idempotency.marker(…)` into its
   * transaction.
   */
  idempotent?: boolean;
}

export const everyone: readonly Role[] = ['member', 'contact', 'doctor', 'hospital', 'commission'];

/** The foundation's routes: login, binding, the caller, families' contacts and card, staff lists. */
const foundationRoutes = [
  { id: 'auth.wechatLogin', method: 'POST', path: '/auth/wechat', handler: 'auth/wechat-login', access: { kind: 'public' }, summary: 'Exchange a wx.login code for a session, or a bind ticket if the WeChat user is not bound yet' },
  { id: 'auth.bind', method: 'POST', path: '/auth/bind', handler: 'auth/bind', access: { kind: 'public' }, summary: 'Bind a WeChat user to an imported person who proves who they are' },
  { id: 'me.get', method: 'GET', path: '/me', handler: 'me/get-me', access: { kind: 'roles', roles: everyone, city: true }, summary: 'Who am I, and have I consented' },
  { id: 'me.putConsent', method: 'PUT', path: '/me/consent', handler: 'me/put-consent', access: { kind: 'roles', roles: everyone, city: true }, summary: 'Record agreement to the privacy guide and the separate health-data consent' },
  { id: 'families.getContacts', method: 'GET', path: '/families/{familyId}/contacts', handler: 'families/get-contacts', access: { kind: 'roles', roles: ['member', 'contact', 'doctor', 'commission'], scope: 'family' }, summary: "A family's contact persons and doctor, and which required contacts are missing" },
  { id: 'families.getCard', method: 'GET', path: '/families/{familyId}/card', handler: 'families/get-card', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "The family's priority service card with a fresh QR token" },
  { id: 'families.revealMemberPhone', method: 'GET', path: '/families/{familyId}/members/{memberId}/phone', handler: 'families/reveal-member-phone', access: { kind: 'roles', roles: memberPhoneRevealRoles, scope: 'family' }, summary: "A member's full phone number, for calling; the read is audited" },
  { id: 'families.getAccessLog', method: 'GET', path: '/families/{familyId}/access-log', handler: 'families/get-access-log', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "Who looked at the family's sensitive data" },
  { id: 'staff.listAssignedFamilies', method: 'GET', path: '/contact/families', handler: 'staff/list-assigned-families', access: { kind: 'roles', roles: ['contact'] }, summary: 'Families assigned to the calling contact person' },
  { id: 'staff.listSignedMembers', method: 'GET', path: '/doctor/members', handler: 'staff/list-signed-members', access: { kind: 'roles', roles: ['doctor'] }, summary: 'Members signed to the calling doctor' },
  { id: 'staff.listRegionFamilies', method: 'GET', path: '/commission/families', handler: 'staff/list-region-families', access: { kind: 'roles', roles: ['commission'] }, summary: "Families in the commission officer's county or township" },
] as const satisfies readonly RouteDef[];

/**
 * Each feature keeps its routes in `functions/<feature>/routes.ts` (an `as const satisfies
 * readonly RouteDef[]` array) and adds one argument here. The join is marked pure: a deployed
 * handler gets its own definition substituted at bundle time (functions/lib/http/route-definition.ts)
 * and never reads the table, and esbuild drops an unread table only if building it has no side
 * effects (an array spread counts as one).
 */
export const routes = /* @__PURE__ */ joinRoutes(
  foundationRoutes,
  signingRoutes,
  policyRoutes,
  notificationsRoutes,
  messagingRoutes,
  bookingRoutes,
  followupsRoutes,
  ledgerRoutes,
  requestsRoutes,
  importsRoutes,
  peopleRoutes,
  entitlementsRoutes,
  articlesRoutes,
  problemsRoutes,
  institutionsRoutes,
  reportRoutes,
  hospitalRoutes,
  actingRoutes,
  lifecycleRoutes,
  changesRoutes,
  countySupportRoutes,
);

function joinRoutes<T extends ReadonlyArray<readonly RouteDef[]>>(...tables: T): ReadonlyArray<T[number][number]> {
  return tables.flat();
}

export type RouteId = (typeof routes)[number]['id'];

/** The Lambda authorizer, shared by every non-public route. */
export const authorizerHandler = 'auth/authorizer';

export function routeById(id: RouteId): RouteDef {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`Unknown route ${id}`);
  return route;
}
