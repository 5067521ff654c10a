import type { RouteDef } from '../../functions/routes';
import { CITY_OFFICER_ID } from '../../local/seed/city';
import { call, tokenFor } from '../support/api';
import { expectApiError } from './support-table';

/**
 * The authorization matrix's city row: the demo city officer (p_city01, 清河市) against every
 * protected route. Only routes marked `city: true` let them in; every other one refuses on the
 * token alone (no DynamoDB request, so nothing read or written), whatever its roles say.
 */
export function describeCityOfficer(protectedRoutes: readonly RouteDef[], request: (route: RouteDef) => { path: string; body: unknown }): void {
  describe('a city commission officer (市卫健委): only the routes marked city', () => {
    test.each(protectedRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_label, route) => {
      const token = await tokenFor(CITY_OFFICER_ID);
      const { path, body } = request(route);
      const res = await call(route.method, path, { token, body });
      const open = route.access.kind === 'roles' && route.access.city === true && route.access.roles.includes('commission');
      if (open) {
        expect({ route: route.id, status: res.status }).toEqual({ route: route.id, status: 200 });
        if (route.id === 'report.getReport') expect(res.body).toMatchObject({ level: 'city', regionName: '清河市', counties: [{ countyId: 'c_qinghe', countyName: '清河县' }] });
        return;
      }
      expectApiError(res, 403, 'forbidden');
      expect({ route: route.id, ddbRequests: res.ddbRequests }).toEqual({ route: route.id, ddbRequests: 0 });
    });
  });
}
