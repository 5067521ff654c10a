import type { RouteDef } from '../routes';

/**
 * Family-doctor signing: applications, contracts, renewal, termination, coverage. Confirming and
 * terminating a contract are open to the contract's whole team, not only to the doctor who is the
 * family's contact, so those two check their scope in the handler (contract-access.ts): a member
 * their own family, a doctor the contract's team, commission staff their region.
 */
export const signingRoutes = [
  { id: 'signing.getFamily', method: 'GET', path: '/families/{familyId}/signing', handler: 'signing/get-family-signing', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "The team serving the family's village, the packages, and each member's signing state" },
  { id: 'signing.apply', method: 'POST', path: '/families/{familyId}/signing/applications', handler: 'signing/apply', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: 'A member applies to sign with the team of their village' },
  { id: 'signing.listApplications', method: 'GET', path: '/team/applications', handler: 'signing/list-applications', access: { kind: 'roles', roles: ['doctor'] }, summary: "Applications waiting for the calling team lead's answer, oldest deadline first" },
  { id: 'signing.accept', method: 'POST', path: '/team/applications/{memberId}/{applicationId}/accept', handler: 'signing/accept-application', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The team lead accepts: the contract is made in one transaction' },
  { id: 'signing.decline', method: 'POST', path: '/team/applications/{memberId}/{applicationId}/decline', handler: 'signing/decline-application', access: { kind: 'roles', roles: ['doctor'] }, summary: 'The team lead declines with a reason' },
  { id: 'signing.getContracts', method: 'GET', path: '/families/{familyId}/members/{memberId}/contracts', handler: 'signing/get-contracts', access: { kind: 'roles', roles: ['member', 'doctor', 'commission'], scope: 'family' }, summary: "A member's current contract with what was promised and done, and the history" },
  { id: 'signing.presignSignature', method: 'POST', path: '/families/{familyId}/members/{memberId}/contracts/{contractId}/signature/upload', handler: 'signing/presign-signature', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: 'A presigned POST (1 MB, PNG or JPEG) for the drawn signature of an unconfirmed contract' },
  { id: 'signing.confirm', method: 'PUT', path: '/families/{familyId}/members/{memberId}/contracts/{contractId}/signature', handler: 'signing/confirm-contract', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: "The member's confirmation: the uploaded signature drawn on the phone (a doctor's phone on a home visit)" },
  { id: 'signing.getSignature', method: 'GET', path: '/families/{familyId}/members/{memberId}/contracts/{contractId}/signature', handler: 'signing/get-signature', access: { kind: 'roles', roles: ['member', 'doctor', 'commission'], scope: 'family' }, summary: 'The stored signature image of a contract' },
  { id: 'signing.renew', method: 'POST', path: '/families/{familyId}/members/{memberId}/contracts/{contractId}/renew', handler: 'signing/renew-contract', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: 'Renew in one tap, from 30 days before the end' },
  { id: 'signing.terminate', method: 'POST', path: '/families/{familyId}/members/{memberId}/contracts/{contractId}/terminate', handler: 'signing/terminate-contract', access: { kind: 'roles', roles: ['doctor', 'commission'] }, summary: 'End a contract with a recorded reason and date' },
  { id: 'signing.changeTeam', method: 'POST', path: '/families/{familyId}/members/{memberId}/contracts/{contractId}/change-team', handler: 'signing/change-team', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'Move a member to another team: termination and a new contract in one transaction' },
  { id: 'signing.listExpiring', method: 'GET', path: '/team/contracts/expiring', handler: 'signing/list-expiring', access: { kind: 'roles', roles: ['doctor'] }, summary: "The calling doctor's team's contracts ending within 30 days" },
  { id: 'signing.coverage', method: 'GET', path: '/commission/signing/coverage', handler: 'signing/get-coverage', access: { kind: 'roles', roles: ['commission'] }, summary: 'Signing coverage of the region: signed among those who want it, expiring, overdue' },
  { id: 'signing.signHomeVisit', method: 'POST', path: '/team/home-visit-contracts', handler: 'signing/sign-home-visit', access: { kind: 'roles', roles: ['doctor'] }, summary: "A doctor of the village's team signs a member on a home visit: the contract in one transaction" },
  { id: 'signing.listHomeVisitCandidates', method: 'GET', path: '/team/home-visit-candidates', handler: 'signing/list-home-visit-candidates', access: { kind: 'roles', roles: ['doctor'] }, summary: "Members of the caller's team's villages with no contract and no pending application, to sign on a home visit" },
  { id: 'signing.listTeams', method: 'GET', path: '/commission/teams', handler: 'signing/list-teams', access: { kind: 'roles', roles: ['commission'] }, summary: "The family-doctor teams of the caller's county or township" },
  { id: 'signing.createTeam', method: 'POST', path: '/commission/teams', handler: 'signing/create-team', access: { kind: 'roles', roles: ['commission'] }, summary: 'Define a team: lead GP, members with roles, villages served, 1+1+1 form' },
  { id: 'signing.updateTeam', method: 'PUT', path: '/commission/teams/{teamId}', handler: 'signing/update-team', access: { kind: 'roles', roles: ['commission'] }, summary: 'Edit a team at the version read; a village stays with one team' },
] as const satisfies readonly RouteDef[];
