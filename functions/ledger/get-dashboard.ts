import { beijingDate, DashboardQuery, daysBetween, monthOf, STALE_CONTACT_DAYS, weekStart, type DashboardResponse } from '../../domain';
import { countyOfTownship, countyTownshipStats, coverageOf, sumCoverage } from '../lib/db/dashboard';
import { listStaleFamilies, NEVER, staleCutoff } from '../lib/db/ledger';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/** Names on the work list; the count covers them all. */
const STALE_LIST_MAX = 200;

/**
 * The commission's coverage dashboard for their county (optionally one township of it) or their
 * township: standing figures and this week's and month's counters per township, and the families
 * not contacted in 14+ days. Three DynamoDB requests for a county, whatever its size.
 */
export const handler = routeHandler('ledger.getDashboard', { query: DashboardQuery }, async ({ query, principal, now }) => {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const today = beijingDate(now);
  const week = weekStart(today);
  const month = monthOf(today);
  const cutoff = staleCutoff(today, STALE_CONTACT_DAYS);

  let countyId: string;
  let townshipIds: string[] | undefined;
  let townships;
  let stale;
  if (principal.level === 'county') {
    countyId = principal.regionId;
    const [all, staleAll] = await Promise.all([countyTownshipStats(countyId), listStaleFamilies(query.townshipId ? { countyId, townshipId: query.townshipId } : { countyId }, cutoff)]);
    const chosen = query.townshipId ? all.filter((t) => t.townshipId === query.townshipId) : all;
    if (query.townshipId && chosen.length === 0) throw forbidden('这个乡镇不在您的管辖范围内');
    // A township's ledger index is keyed by the township alone: keep only this county's.
    stale = staleAll.filter((s) => s.countyId === countyId);
    townships = await coverageOf(countyId, chosen, week, month);
  } else {
    if (query.townshipId && query.townshipId !== principal.regionId) throw forbidden('这个乡镇不在您的管辖范围内');
    const townshipId = principal.regionId;
    townshipIds = [townshipId];
    const found = await countyOfTownship(townshipId);
    if (!found) {
      const empty: DashboardResponse = { today, weekStart: week, month, townships: [], total: sumCoverage([]), stale: [], staleCount: 0 };
      return { body: empty };
    }
    countyId = found;
    [townships, stale] = await Promise.all([coverageOf(countyId, townshipIds.map((t) => ({ townshipId: t })), week, month), listStaleFamilies({ countyId, townshipId }, cutoff)]);
  }

  const body: DashboardResponse = {
    today,
    weekStart: week,
    month,
    townships,
    total: sumCoverage(townships),
    stale: stale.slice(0, STALE_LIST_MAX).map((s) => ({
      familyId: s.familyId,
      familyName: s.familyName,
      villageName: s.villageName,
      townshipName: s.townshipName,
      lastContactOn: s.lastContactOn === NEVER ? undefined : s.lastContactOn,
      daysSince: s.lastContactOn === NEVER ? undefined : daysBetween(s.lastContactOn, today),
    })),
    staleCount: stale.length,
  };
  return { body };
});
