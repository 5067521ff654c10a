import { routeById as routeFromTable, type RouteDef, type RouteId } from '../../routes';

/**
 * The route a handler serves. A deployed function is bundled with its own route definition, as
 * JSON, substituted for `LIANXIN_ROUTE` (cdk/bundling.ts, esbuild `define`): the bundle then never
 * reads the route table and esbuild drops it, with every feature's definitions and the domain rules
 * they import, so editing one route redeploys one function. A string rather than an object literal:
 * esbuild folds `typeof "…"` and so removes the table branch; it does not fold an object's. Under
 * jest and the local runtime nothing is substituted and the route comes from the table itself.
 */
declare const LIANXIN_ROUTE: string | undefined;

export function routeById(id: RouteId): RouteDef {
  if (typeof LIANXIN_ROUTE === 'undefined') return routeFromTable(id);
  const route = JSON.parse(LIANXIN_ROUTE) as RouteDef;
  // A handler bundled with another route's definition would enforce the wrong access rule.
  if (route.id !== id) throw new Error(`Bundled for route ${route.id}, not ${id}`);
  return route;
}
