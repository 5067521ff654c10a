import type { RouteDef } from '../routes';

/** The poverty programme's policy-support contract (双签约): the cadre's medical-cost ledger. */
export const policyRoutes = [
  { id: 'policy.listFamilies', method: 'GET', path: '/policy/families', handler: 'policy/list-families', access: { kind: 'roles', roles: ['contact'] }, summary: 'Families under policy-support contract with the calling cadre, with their warning' },
  { id: 'policy.getLedger', method: 'GET', path: '/families/{familyId}/policy/ledger', handler: 'policy/get-ledger', access: { kind: 'roles', roles: ['member', 'contact', 'commission'], scope: 'family' }, summary: "A family's medical-cost ledger and its 因病致贫 warning" },
  { id: 'policy.addCost', method: 'POST', path: '/families/{familyId}/policy/ledger', handler: 'policy/add-cost', access: { kind: 'roles', roles: ['contact'], scope: 'family' }, summary: 'The cadre enters a visit and its costs', idempotent: true },
  { id: 'policy.createContract', method: 'POST', path: '/families/{familyId}/policy/contract', handler: 'policy/create-contract', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'The township signs one of the family\'s cadres to a 因病致贫 family as its policy-support contract' },
  { id: 'policy.updateClaim', method: 'PUT', path: '/families/{familyId}/policy/ledger/{entryId}/claim', handler: 'policy/update-claim', access: { kind: 'roles', roles: ['contact'], scope: 'family' }, summary: 'The cadre moves a claim filed → submitted → paid or refused, with amounts' },
  { id: 'policy.getCostBurden', method: 'GET', path: '/families/{familyId}/policy/cost-burden', handler: 'policy/get-cost-burden', access: { kind: 'roles', roles: ['doctor'], scope: 'family' }, summary: "The family's cost burden for its doctor team, with the family's health-data consent" },
  { id: 'policy.getFollowUpDates', method: 'GET', path: '/families/{familyId}/policy/follow-up-dates', handler: 'policy/get-follow-up-dates', access: { kind: 'roles', roles: ['contact'], scope: 'family' }, summary: "The family doctor's follow-up dates for the policy cadre" },
] as const satisfies readonly RouteDef[];
