import { ActivityListQuery, beijingMonth, type ActivityListResponse } from '../../domain';
import { activityView, listActivities } from '../lib/db/activities';
import { routeHandler } from '../lib/http/route-handler';
import { officerCounty } from './access';

/** A month's 精神慰藉 activities (this month by default) and how many families and helpers they reached. */
export const handler = routeHandler('people.listActivities', { query: ActivityListQuery }, async ({ query, principal, now }) => {
  const countyId = await officerCounty(principal);
  const all = (await listActivities(countyId, query.month ?? beijingMonth(now))).map(activityView);
  // A township officer counts the activities that reached their township's families.
  const items = principal.level === 'township' ? all.filter((a) => a.families.some((f) => f.townshipId === principal.regionId)) : all;
  const families = new Set(items.flatMap((a) => a.families.map((f) => f.familyId)));
  const helpers = new Set(items.flatMap((a) => a.helpers.map((h) => h.personId)));
  const visits = items.reduce((n, a) => n + a.families.length, 0);
  return { body: { items, totals: { activities: items.length, families: families.size, helpers: helpers.size, visits } } satisfies ActivityListResponse };
});
