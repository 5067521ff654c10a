import type { RouteDef } from '../routes';

/**
 * Keeping a family's record current (details, type, deaths, moves, corrections) and its service
 * card, each change with a change record. Writes are the commission's (a township officer only in
 * their township, by the family scope); a contact person may record handing the card over.
 */
export const lifecycleRoutes = [
  { id: 'lifecycle.getDetails', method: 'GET', path: '/families/{familyId}/details', handler: 'lifecycle/get-details', access: { kind: 'roles', roles: ['contact', 'commission'], scope: 'family' }, summary: "The family's registered details, card state and record version" },
  { id: 'lifecycle.listChanges', method: 'GET', path: '/families/{familyId}/changes', handler: 'lifecycle/list-changes', access: { kind: 'roles', roles: ['member', 'contact', 'commission'], scope: 'family' }, summary: "The family's change records (变更记录), newest first" },
  { id: 'lifecycle.editDetails', method: 'PUT', path: '/families/{familyId}/details', handler: 'lifecycle/edit-details', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'Edit address, 低保/建档立卡/因病致贫 and the family type, under the version condition' },
  { id: 'lifecycle.correctMember', method: 'PUT', path: '/families/{familyId}/members/{memberId}', handler: 'lifecycle/correct-member', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: "Correct a member's registered details; the old values stay in the history" },
  { id: 'lifecycle.recordDeath', method: 'POST', path: '/families/{familyId}/members/{memberId}/death', handler: 'lifecycle/record-death', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: "Record a member's death: contract, plans, bookings, waiting places, reminders and consultations end in one transaction", idempotent: true },
  { id: 'lifecycle.moveFamily', method: 'POST', path: '/families/{familyId}/move', handler: 'lifecycle/move-family', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'Move a family to another township of the county, handing its township contacts over' },
  { id: 'lifecycle.transferOut', method: 'POST', path: '/families/{familyId}/transfer-out', handler: 'lifecycle/transfer-out', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'A family moved out of the county: records kept, no longer listed or counted' },
  { id: 'lifecycle.handOverCard', method: 'POST', path: '/families/{familyId}/card/handover', handler: 'lifecycle/hand-over-card', access: { kind: 'roles', roles: ['contact', 'commission'], scope: 'family' }, summary: 'Record who handed the service card and the 联系知情卡 to the family, and when' },
  { id: 'lifecycle.revokeCard', method: 'POST', path: '/families/{familyId}/card/revoke', handler: 'lifecycle/revoke-card', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'Revoke a lost or damaged card: its QR codes are refused at once' },
  { id: 'lifecycle.reissueCard', method: 'POST', path: '/families/{familyId}/card/reissue', handler: 'lifecycle/reissue-card', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: 'Issue a new card with a new number; the old one stops working' },
] as const satisfies readonly RouteDef[];
