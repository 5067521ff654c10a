import { monthMinus, monthsBetween, populationRows, TREND_MONTHS, type Principal, type ReportCounty, type ReportQuery, type ReportResponse, type TierFigures, noFollowUpFigures } from '../../domain';
import { summariseGreenChannel } from '../../domain/green-channel-counts';
import { getCity, type CityCounty } from '../lib/db/cities';
import { badRequest, forbidden } from '../lib/http/errors';
import { loadReport, reportPeriod, sumFigures } from './report-data';

const notInCity = '这个县区不在您的管辖范围内';

/**
 * The report the caller may have: a city officer's over the city's counties, anyone else's over
 * their county or township (report-data.ts). `countyId` narrows a city's report to one county and
 * is refused to anyone who is not that county's officer or its city's.
 */
export async function reportFor(principal: Principal, query: ReportQuery, now: Date): Promise<ReportResponse> {
  if (principal.level === 'city') return loadCityReport(principal, query, now);
  if (query.countyId && !(principal.level === 'county' && query.countyId === principal.regionId)) throw forbidden(notInCity);
  return loadReport(principal, query, now);
}

/**
 * A city's report: each county's report computed by the county code itself (the same counters
 * and per-region Queries, so a county's figures in the city report are its own report's), then
 * added up. Requests: one GetItem for the city, then one county report per county; never a Scan.
 */
export async function loadCityReport(principal: Principal, query: ReportQuery, now: Date): Promise<ReportResponse> {
  const { countyId, townshipId, ...months } = query;
  // The period is checked before anything is read, as the county report does.
  const period = reportPeriod(months, now);
  if (townshipId && !countyId) throw badRequest('请先选择县区，再选择乡镇', { 'query.townshipId': '请先选择县区' });
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const city = await getCity(principal.regionId);
  if (!city) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const counties = countyId ? city.counties.filter((c) => c.countyId === countyId) : city.counties;
  if (countyId && counties.length === 0) throw forbidden(notInCity);
  const reports = await Promise.all(
    counties.map(async (county) => ({
      county,
      // The county's own report, as its officer would get it (the city officer stands in for them).
      report: await loadReport({ ...principal, level: 'county', regionId: county.countyId }, { ...months, townshipId }, now),
    })),
  );
  if (countyId) {
    const [{ county, report }] = reports;
    return { ...report, regionName: report.level === 'county' ? county.countyName : report.regionName };
  }
  const zero: ReportResponse = {
    regionName: city.cityName,
    level: 'city',
    from: period.from,
    to: period.to,
    asOf: period.asOf,
    quarter: period.quarter,
    population: populationRows([], period.asOf),
    townships: [],
    total: sumFigures([]),
    trend: monthsBetween(monthMinus(period.to, TREND_MONTHS - 1), period.to).map((month) => ({ month, contacts: 0, visits: 0, greetings: 0, familiesContacted: 0, familiesVisited: 0 })),
    gaps: { missingContacts: [], notReached: [], poorUnsigned: [], wantingUnsigned: [], withoutCard: [], overdueRequests: [], staff: [] },
    problems: { raised: 0, rectified: 0, open: 0, overdue: [] },
    doubleSigning: { fromDay: `${period.from}-01`, asOf: period.asOf, townships: [], total: [], gaps: [] },
    // Merged by shape (cityOf): figures added field by field, rows and names joined county after county.
    followUps: { townships: [], total: noFollowUpFigures(), gaps: [] },
    greenChannel: summariseGreenChannel(period.from === period.to ? period.from : `${period.from}/${period.to}`, []),
  };
  return cityOf(zero, reports);
}

/**
 * Adds county reports into the city's: figures, population rows and trend months summed, the
 * names behind the gaps and the late problems listed county after county (each with its county's
 * name), and the counties side by side. A section this function does not know (one added to the
 * county report later) is merged by shape (mergeByShape): numbers added, rows of one tier or id
 * added into one, other lists joined, objects field by field.
 */
export function cityOf(zero: ReportResponse, reports: Array<{ county: CityCounty; report: ReportResponse }>): ReportResponse {
  const out: ReportResponse = { ...zero, counties: [] };
  for (const { county, report: r } of reports) {
    const countyName = county.countyName;
    const named = <T extends object>(list: T[]) => list.map((x) => ({ ...x, countyName }));
    out.population = out.population.map((row, i) => {
      const add = r.population[i];
      const h = (a: { families: number; people: number }, b: { families: number; people: number }) => ({ families: a.families + b.families, people: a.people + b.people });
      return { ...row, total: h(row.total, add.total), bereaved: h(row.bereaved, add.bereaved), disabled: h(row.disabled, add.disabled) };
    });
    out.trend = out.trend.map((m) => {
      const add = r.trend.find((x) => x.month === m.month);
      return add ? { month: m.month, contacts: m.contacts + add.contacts, visits: m.visits + add.visits, greetings: m.greetings + add.greetings, familiesContacted: m.familiesContacted + add.familiesContacted, familiesVisited: m.familiesVisited + add.familiesVisited } : m;
    });
    out.gaps = {
      missingContacts: [...out.gaps.missingContacts, ...named(r.gaps.missingContacts)],
      notReached: [...out.gaps.notReached, ...named(r.gaps.notReached)],
      poorUnsigned: [...out.gaps.poorUnsigned, ...named(r.gaps.poorUnsigned)],
      wantingUnsigned: [...out.gaps.wantingUnsigned, ...named(r.gaps.wantingUnsigned)],
      withoutCard: [...out.gaps.withoutCard, ...named(r.gaps.withoutCard)],
      overdueRequests: [...out.gaps.overdueRequests, ...named(r.gaps.overdueRequests)],
      staff: [...out.gaps.staff, ...named(r.gaps.staff)],
    };
    out.problems = {
      raised: out.problems.raised + r.problems.raised,
      rectified: out.problems.rectified + r.problems.rectified,
      open: out.problems.open + r.problems.open,
      overdue: [...out.problems.overdue, ...named(r.problems.overdue)],
    };
    const side: ReportCounty = {
      ...r.total,
      countyId: county.countyId,
      countyName,
      problems: { raised: r.problems.raised, rectified: r.problems.rectified, open: r.problems.open, overdue: r.problems.overdue.length },
    };
    out.counties!.push(side);
    out.doubleSigning = {
      ...out.doubleSigning,
      townships: [...out.doubleSigning.townships, ...r.doubleSigning.townships],
      total: mergeByShape(out.doubleSigning.total, r.doubleSigning.total) as TierFigures[],
      gaps: [...out.doubleSigning.gaps, ...named(r.doubleSigning.gaps)],
    };
    for (const key of Object.keys(r) as Array<keyof ReportResponse>) {
      if (known.has(key)) continue;
      (out as Record<string, unknown>)[key] = key in out ? mergeByShape((out as Record<string, unknown>)[key], r[key]) : r[key];
    }
  }
  out.total = sumFigures(out.counties!);
  return out;
}

const known = new Set<string>(['regionName', 'level', 'from', 'to', 'asOf', 'quarter', 'population', 'townships', 'total', 'trend', 'gaps', 'problems', 'counties', 'doubleSigning']);

/**
 * The fields that name a row: a list whose items each carry a different value of one of them and
 * name nothing else (a tier's figures, an institution's) holds one row per value, so two counties'
 * rows of the same value are one row added field by field rather than the row twice. Items that
 * also name someone (a member's gap in a tier carries memberId) are not rows of that key, however
 * few of them there are: such lists, and lists without a key, are joined.
 */
const rowKeys = ['tier', 'id'] as const;

type Row = Record<string, unknown>;

const namesSomethingElse = (item: Row, key: string) => Object.keys(item).some((k) => k !== key && (k === 'id' || k === 'tier' || k.endsWith('Id')));

function rowKeyOf(...lists: unknown[][]): string | undefined {
  return rowKeys.find((key) =>
    lists.every((list) => {
      const seen = new Set<unknown>();
      return list.every((item) => {
        if (!item || typeof item !== 'object' || namesSomethingElse(item as Row, key)) return false;
        const value = (item as Row)[key];
        if (typeof value !== 'string' || seen.has(value)) return false;
        seen.add(value);
        return true;
      });
    }),
  );
}

/** Numbers added, keyed rows (rowKeys) added row by row, other lists joined, objects field by field. */
export function mergeByShape(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = rowKeyOf(a, b);
    if (!key) return [...a, ...b];
    const rows = new Map<unknown, unknown>(a.map((row: Row) => [row[key], row]));
    for (const row of b as Row[]) rows.set(row[key], rows.has(row[key]) ? mergeByShape(rows.get(row[key]), row) : row);
    return [...rows.values()];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, k in x && k in y ? mergeByShape(x[k], y[k]) : (x[k] ?? y[k])]));
  }
  return a ?? b;
}
