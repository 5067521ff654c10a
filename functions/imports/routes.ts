import type { RouteDef } from '../routes';

/** Import of the county's register (families, members, contact persons) by commission staff. */
export const importsRoutes = [
  { id: 'imports.presignUpload', method: 'POST', path: '/commission/imports/uploads', handler: 'imports/presign-import-upload', access: { kind: 'roles', roles: ['commission'] }, summary: 'A presigned upload for a register file (.xlsx or CSV) to import' },
  { id: 'imports.start', method: 'POST', path: '/commission/imports', handler: 'imports/start-import', access: { kind: 'roles', roles: ['commission'] }, summary: 'Queue the import of an uploaded register file: a job applies it whole, or reports every bad row and applies nothing' },
  { id: 'imports.get', method: 'GET', path: '/commission/imports/{importId}', handler: 'imports/get-import', access: { kind: 'roles', roles: ['commission'] }, summary: 'Where an import stands (checking, writing n of m) and its report' },
  { id: 'imports.template', method: 'GET', path: '/commission/imports/template', handler: 'imports/get-import-template', access: { kind: 'roles', roles: ['commission'] }, summary: 'The import template (.xlsx or CSV) with its headings and sample rows' },
] as const satisfies readonly RouteDef[];
