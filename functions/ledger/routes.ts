import type { RouteDef } from '../routes';

/** The contact persons' ledger (台账): contact log, its history, and what is due. */
export const ledgerRoutes = [
  { id: 'ledger.recordContact', method: 'POST', path: '/families/{familyId}/contact-log', handler: 'ledger/record-contact', access: { kind: 'roles', roles: ['contact'], scope: 'family' }, summary: 'Record a contact with a family (visit, call, online, greeting)', idempotent: true },
  { id: 'ledger.listContactLog', method: 'GET', path: '/families/{familyId}/contact-log', handler: 'ledger/list-contact-log', access: { kind: 'roles', roles: ['contact', 'commission'], scope: 'family' }, summary: "A family's contact history, including online contacts from messaging" },
  { id: 'ledger.editContact', method: 'PUT', path: '/families/{familyId}/contact-log/{contactId}', handler: 'ledger/edit-contact', access: { kind: 'roles', roles: ['contact'], scope: 'family' }, summary: 'Correct the notes of a contact; the earlier version is kept' },
  { id: 'ledger.getContactHistory', method: 'GET', path: '/families/{familyId}/contact-log/{contactId}/history', handler: 'ledger/get-contact-history', access: { kind: 'roles', roles: ['contact', 'commission'], scope: 'family' }, summary: 'A contact and every earlier version of it' },
  { id: 'ledger.listDue', method: 'GET', path: '/contact/due', handler: 'ledger/list-due', access: { kind: 'roles', roles: ['contact'] }, summary: "What is due: the caller's families by days since contact and visit, birthdays and festivals ahead" },
  { id: 'ledger.handOver', method: 'POST', path: '/families/{familyId}/handovers', handler: 'ledger/hand-over', access: { kind: 'roles', roles: ['commission'], scope: 'family' }, summary: "Reassign one of a family's contact places to another person, in one transaction", idempotent: true },
  { id: 'ledger.listHandovers', method: 'GET', path: '/families/{familyId}/handovers', handler: 'ledger/list-handovers', access: { kind: 'roles', roles: ['contact', 'commission'], scope: 'family' }, summary: "A family's hand-over history" },
  { id: 'ledger.getDashboard', method: 'GET', path: '/commission/dashboard', handler: 'ledger/get-dashboard', access: { kind: 'roles', roles: ['commission'] }, summary: 'Coverage figures (三个全覆盖) per township and in total, and families not contacted in 14+ days' },
  { id: 'ledger.exportLedger', method: 'GET', path: '/commission/ledger-export', handler: 'ledger/export-ledger', access: { kind: 'roles', roles: ['commission'] }, summary: "The month's ledger as .xlsx (or CSV): contacts, totals per family and contact person, coverage" },
] as const satisfies readonly RouteDef[];
