import type { RouteDef } from '../routes';

/** The county commission's designated institutions (定点机构): list, add, edit, retire. */
export const institutionsRoutes = [
  { id: 'institutions.list', method: 'GET', path: '/commission/institutions', handler: 'institutions/list-institutions', access: { kind: 'roles', roles: ['commission'] }, summary: "The county's designated institutions, retired ones included (a township officer: those serving the township)" },
  { id: 'institutions.create', method: 'POST', path: '/commission/institutions', handler: 'institutions/create-institution', access: { kind: 'roles', roles: ['commission'] }, summary: 'Add a designated institution with its departments, green channel and townships served (county officers)', idempotent: true },
  { id: 'institutions.update', method: 'PUT', path: '/commission/institutions/{institutionId}', handler: 'institutions/update-institution', access: { kind: 'roles', roles: ['commission'] }, summary: 'Edit an institution at the version read (county officers)' },
  { id: 'institutions.retire', method: 'POST', path: '/commission/institutions/{institutionId}/retire', handler: 'institutions/retire-institution', access: { kind: 'roles', roles: ['commission'] }, summary: 'Retire an institution; refused while it has bookings to come (county officers)' },
] as const satisfies readonly RouteDef[];
