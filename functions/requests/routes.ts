import type { RouteDef } from '../routes';

/** Requests (诉求) with their timeline and escalation, and the quarterly survey (满意度, 知晓率). */
export const requestsRoutes = [
  { id: 'requests.create', method: 'POST', path: '/families/{familyId}/requests', handler: 'requests/create-request', access: { kind: 'roles', roles: ['member', 'contact'], scope: 'family' }, summary: "Raise a request (诉求) for the family; it goes to the family's contact person", idempotent: true },
  { id: 'requests.listFamily', method: 'GET', path: '/families/{familyId}/requests', handler: 'requests/list-family-requests', access: { kind: 'roles', roles: ['member', 'contact', 'commission'], scope: 'family' }, summary: "A family's requests with their timelines" },
  { id: 'requests.update', method: 'PUT', path: '/families/{familyId}/requests/{requestId}', handler: 'requests/update-request', access: { kind: 'roles', roles: ['contact', 'commission'], scope: 'family' }, summary: 'Move a request on: in progress, resolved, referred to a department, or declined with a reason' },
  { id: 'requests.listStaff', method: 'GET', path: '/contact/requests', handler: 'requests/list-staff-requests', access: { kind: 'roles', roles: ['contact'] }, summary: "The caller's active requests, or (township leaders) the township's overdue ones" },
  { id: 'requests.listCommission', method: 'GET', path: '/commission/requests', handler: 'requests/list-commission-requests', access: { kind: 'roles', roles: ['commission'] }, summary: 'Requests overdue long enough to reach commission staff, in their county or township' },
  { id: 'requests.handoverCandidates', method: 'GET', path: '/commission/handover-candidates', handler: 'requests/list-handover-candidates', access: { kind: 'roles', roles: ['commission'] }, summary: "A township's contact persons who can take over a family's place (hand-over page)" },
  { id: 'survey.get', method: 'GET', path: '/families/{familyId}/survey', handler: 'requests/get-survey', access: { kind: 'roles', roles: ['member', 'contact', 'doctor'], scope: 'family' }, summary: "This quarter's satisfaction and awareness questions, and the family's answer if given" },
  { id: 'survey.answer', method: 'POST', path: '/families/{familyId}/survey', handler: 'requests/answer-survey', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "Answer this quarter's two questions: once per family per quarter" },
] as const satisfies readonly RouteDef[];
