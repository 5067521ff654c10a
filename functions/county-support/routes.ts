import type { RouteDef } from '../routes';

/**
 * The county's own support measures (帮扶措施) as its commission sets them: county officers read and
 * save the whole list, township officers read it. Families see the saved list on 我能享受的帮扶.
 */
export const countySupportRoutes = [
  { id: 'countySupport.get', method: 'GET', path: '/commission/county-support', handler: 'county-support/get-county-support', access: { kind: 'roles', roles: ['commission'] }, summary: "The county's own support measures, or the built-in draft marked as not yet confirmed" },
  { id: 'countySupport.put', method: 'PUT', path: '/commission/county-support', handler: 'county-support/put-county-support', access: { kind: 'roles', roles: ['commission'] }, summary: "Save (and so confirm) the county's whole list of measures at the version read; new measures get ids (county officers)", idempotent: true },
] as const satisfies readonly RouteDef[];
