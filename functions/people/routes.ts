import type { RouteDef } from '../routes';

const officers = { kind: 'roles', roles: ['commission'] } as const;

/** Staff management (人员管理): staff of every post, their deactivation, bulk assignments, social helpers' activities. */
export const peopleRoutes = [
  { id: 'people.listStaff', method: 'GET', path: '/commission/staff', handler: 'people/list-staff', access: officers, summary: "The officer's county or township staff, by post and status" },
  { id: 'people.createStaff', method: 'POST', path: '/commission/staff', handler: 'people/create-staff', access: officers, summary: 'Add a staff member of any post (the same code path as the staff import)', idempotent: true },
  { id: 'people.getStaff', method: 'GET', path: '/commission/staff/{personId}', handler: 'people/get-staff', access: officers, summary: 'One staff member, with the families they hold a place in' },
  { id: 'people.updateStaff', method: 'PUT', path: '/commission/staff/{personId}', handler: 'people/update-staff', access: officers, summary: "Edit a staff member's details under a version condition" },
  { id: 'people.deactivateStaff', method: 'POST', path: '/commission/staff/{personId}/deactivation', handler: 'people/deactivate-staff', access: officers, summary: 'Deactivate a staff member, handing their families over to a successor; refused while a family would be left without them' },
  { id: 'people.bulkAssign', method: 'POST', path: '/commission/townships/{townshipId}/assignments', handler: 'people/bulk-assign', access: officers, summary: "Assign a township's families to its contact persons in bulk, one transaction per batch" },
  { id: 'people.createActivity', method: 'POST', path: '/commission/activities', handler: 'people/create-activity', access: officers, summary: 'Record a 精神慰藉 activity with its social helpers and families', idempotent: true },
  { id: 'people.listActivities', method: 'GET', path: '/commission/activities', handler: 'people/list-activities', access: officers, summary: "The month's 精神慰藉 activities and their counts" },
] as const satisfies readonly RouteDef[];
