import type { RouteDef } from '../routes';

/** The poverty programme's policy-support contract (双签约): the cadre's medical-cost ledger. */
export const policyRoutes = [
  { id: 'policy.listFamilies', method: 'GET', path: '/policy/families', handler: 'policy/list-families', access: { kind: 'roles', roles: ['contact'] }, summary: 'Families under policy-support contract with the calling cadre, with their warning' },
  { id: 'policy.getLedger', method: 'GET', path: '/families/{familyId}/policy/ledger', handler: 'policy/get-ledger', access: { kind: 'roles', roles: ['member', 'contact', 'commission'], scope: 'family' }, summary: "A family's medical-cost ledger and its 因病致贫 warning" },
  { id: 'policy.addCost', method: 'POST', path: '/families/{familyId}/policy/ledger', handler: 'policy/add-cost', access: { kind: 'roles', roles: ['contact'], scope: 'family' }, summary: 'The cadre enters a visit and its costs', idempotent: true },
] as const satisfies readonly RouteDef[];
