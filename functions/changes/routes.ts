import type { RouteDef } from '../routes';

/** The change list for the provincial 特扶 / 扶助信息系统: what changed since a date, as .xlsx. */
export const changesRoutes = [
  { id: 'changes.exportChanges', method: 'GET', path: '/commission/change-list', handler: 'changes/export-changes', access: { kind: 'roles', roles: ['commission'] }, summary: "The region's family, member, contact and contract changes between two dates as .xlsx, in the column layout of docs/change-list.md" },
] as const satisfies readonly RouteDef[];
