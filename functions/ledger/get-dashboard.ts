import { beijingDate, DashboardQuery, daysBetween, monthOf, quarterOf, STALE_CONTACT_DAYS, summariseGreenChannel, weekStart, type DashboardResponse } from '../../domain';
import { greenChannelMonth } from '../lib/db/green-channel';
import { countyOfTownship, countyTownshipStats, coverageOf, requestSurveyOf, sumDashboard, withRequestSurvey } from '../lib/db/dashboard';
import { listStaleFamilies, NEVER, staleCutoff } from '../lib/db/ledger';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/** Names on the work list; the count covers them all. */
const STALE_LIST_MAX = 200;

/**
 * The commission's coverage dashboard for their county (optionally one township of it) or their
 * township: standing figures and this week's and month's counters per township, requests open and
 * overdue, this quarter's survey, and the families not contacted in 14+ days. Every figure is a
 * running counter kept in the records' own transactions: 6 DynamoDB requests for a county, plus
 * one COUNT Query per township with active requests, whatever the number of families; the
 * month's green-channel counters are one of the 6 (a Query of GCSTATS#<county>).
 */
export const handler = routeHandler('ledger.getDashboard', { query: DashboardQuery }, async ({ query, principal, now }) => {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const today = beijingDate(now);
  const week = weekStart(today);
  const month = monthOf(today);
  const quarter = quarterOf(today);
  const cutoff = staleCutoff(today, STALE_CONTACT_DAYS);

  let townships;
  let stale;
  let requestSurvey;
  let greenChannel;
  if (principal.level === 'county') {
    const countyId = principal.regionId;
    const only = query.townshipId ? [query.townshipId] : undefined;
    const [all, staleAll, rs, gc] = await Promise.all([
      countyTownshipStats(countyId),
      listStaleFamilies(query.townshipId ? { countyId, townshipId: query.townshipId } : { countyId }, cutoff),
      requestSurveyOf(countyId, only, today, quarter),
      greenChannelMonth(countyId, month, query.townshipId),
    ]);
    greenChannel = gc;
    const chosen = query.townshipId ? all.filter((t) => t.townshipId === query.townshipId) : all;
    if (query.townshipId && chosen.length === 0) throw forbidden('这个乡镇不在您的管辖范围内');
    // A township's ledger index is keyed by the township alone: keep only this county's.
    stale = staleAll.filter((s) => s.countyId === countyId);
    requestSurvey = rs;
    townships = await coverageOf(countyId, chosen, week, month);
  } else {
    if (query.townshipId && query.townshipId !== principal.regionId) throw forbidden('这个乡镇不在您的管辖范围内');
    const townshipId = principal.regionId;
    const countyId = await countyOfTownship(townshipId);
    if (!countyId) {
      const empty: DashboardResponse = { today, weekStart: week, month, quarter, townships: [], total: sumDashboard([]), stale: [], staleCount: 0, greenChannel: summariseGreenChannel(month, []) };
      return { body: empty };
    }
    [townships, stale, requestSurvey, greenChannel] = await Promise.all([
      coverageOf(countyId, [{ townshipId }], week, month),
      listStaleFamilies({ countyId, townshipId }, cutoff),
      requestSurveyOf(countyId, [townshipId], today, quarter),
      greenChannelMonth(countyId, month, townshipId),
    ]);
  }

  const withAll = withRequestSurvey(townships, requestSurvey);
  const body: DashboardResponse = {
    today,
    weekStart: week,
    month,
    quarter,
    townships: withAll,
    total: sumDashboard(withAll),
    stale: stale.slice(0, STALE_LIST_MAX).map((s) => ({
      familyId: s.familyId,
      familyName: s.familyName,
      villageName: s.villageName,
      townshipName: s.townshipName,
      lastContactOn: s.lastContactOn === NEVER ? undefined : s.lastContactOn,
      daysSince: s.lastContactOn === NEVER ? undefined : daysBetween(s.lastContactOn, today),
    })),
    staleCount: stale.length,
    greenChannel: summariseGreenChannel(month, greenChannel),
  };
  return { body };
});
