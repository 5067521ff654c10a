import type { RouteDef } from '../routes';

/** The family's 帮扶清单: what it may count on and whom to call, worked out from its own data. */
export const entitlementsRoutes = [
  { id: 'entitlements.get', method: 'GET', path: '/families/{familyId}/entitlements', handler: 'entitlements/get-entitlements', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "What the family is entitled to (contacts, doctor, card and 五个优先, beds, long prescriptions, county extras, requests), each with whom to call" },
] as const satisfies readonly RouteDef[];
