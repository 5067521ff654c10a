import type { RouteDef } from '../routes';

/** The county commission's designated institutions (定点机构): list, add, edit, retire; and the county's townships they serve. */
export const institutionsRoutes = [
  { id: 'institutions.list', method: 'GET', path: '/commission/institutions', handler: 'institutions/list-institutions', access: { kind: 'roles', roles: ['commission'] }, summary: "The county's designated institutions, retired ones included (a township officer: those serving the township)" },
  { id: 'institutions.create', method: 'POST', path: '/commission/institutions', handler: 'institutions/create-institution', access: { kind: 'roles', roles: ['commission'] }, summary: 'Add a designated institution with its departments, green channel and townships served (county officers)', idempotent: true },
  { id: 'institutions.update', method: 'PUT', path: '/commission/institutions/{institutionId}', handler: 'institutions/update-institution', access: { kind: 'roles', roles: ['commission'] }, summary: 'Edit an institution at the version read (county officers)' },
  { id: 'institutions.retire', method: 'POST', path: '/commission/institutions/{institutionId}/retire', handler: 'institutions/retire-institution', access: { kind: 'roles', roles: ['commission'] }, summary: 'Retire an institution; refused while it has bookings to come (county officers)' },
  { id: 'institutions.listTownships', method: 'GET', path: '/commission/townships', handler: 'institutions/list-townships', access: { kind: 'roles', roles: ['commission'] }, summary: "The county's townships with their names and families (county officers)" },
  { id: 'institutions.addTownship', method: 'POST', path: '/commission/townships', handler: 'institutions/add-township', access: { kind: 'roles', roles: ['commission'] }, summary: 'Add a township by its statistical division code, with zero figures (county officers)', idempotent: true },
  { id: 'institutions.renameTownship', method: 'PUT', path: '/commission/townships/{townshipId}', handler: 'institutions/rename-township', access: { kind: 'roles', roles: ['commission'] }, summary: 'Rename one of the county\'s townships; its id, families and figures stay (county officers)' },
] as const satisfies readonly RouteDef[];
