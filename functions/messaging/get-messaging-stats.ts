import { beijingMonth, MessagingStatsQuery, type MessagingStatsResponse } from '../../domain';
import { countyOfTownship } from '../lib/db/dashboard';
import { countyMessagingStats, townshipMessagingStats } from '../lib/db/messaging/stats';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { statsRow } from '../lib/messaging/views';

/**
 * The commission's view of messaging: per township of their county (or their own township), how
 * many conversations and consultations were opened and answered in a Beijing month, median and
 * 90th-percentile first-response times, and overdue consultations. Counts and times only: the
 * counters hold no message, name or family, so there is no content to leak. One Query for a
 * county; for a township officer one Query to find the county and one GetItem.
 */
export const handler = routeHandler('messaging.getMessagingStats', { query: MessagingStatsQuery }, async ({ query, principal, now }) => {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const month = query.month ?? beijingMonth(now);
  let items;
  if (principal.level === 'county') {
    const all = await countyMessagingStats(principal.regionId, month);
    items = query.townshipId ? all.filter((i) => i.townshipId === query.townshipId) : all;
  } else {
    if (query.townshipId && query.townshipId !== principal.regionId) throw forbidden('这个乡镇不在您的管辖范围内');
    const countyId = await countyOfTownship(principal.regionId);
    const item = countyId ? await townshipMessagingStats(countyId, month, principal.regionId) : undefined;
    items = item ? [item] : [];
  }
  const body: MessagingStatsResponse = { month, townships: items.map((i) => statsRow(i, now)).sort((a, b) => a.townshipId.localeCompare(b.townshipId)) };
  return { body };
});
