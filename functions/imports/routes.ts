import type { RouteDef } from '../routes';

/** Import of the county's register (families, members, contact persons) by commission staff. */
export const importsRoutes = [
  { id: 'imports.presignUpload', method: 'POST', path: '/commission/imports/uploads', handler: 'imports/presign-import-upload', access: { kind: 'roles', roles: ['commission'] }, summary: 'A presigned upload for a register file (.xlsx or CSV) to import' },
  { id: 'imports.run', method: 'POST', path: '/commission/imports', handler: 'imports/run-import', access: { kind: 'roles', roles: ['commission'] }, summary: 'Validate an uploaded register file and apply it whole, or report every bad row and apply nothing' },
  { id: 'imports.template', method: 'GET', path: '/commission/imports/template', handler: 'imports/get-import-template', access: { kind: 'roles', roles: ['commission'] }, summary: 'The import template (.xlsx or CSV) with its headings and sample rows' },
] as const satisfies readonly RouteDef[];
