import {
  activeAt,
  beijingDate,
  isProblemOverdue,
  isRegisteredPoor,
  problemAreaLabels,
  lastDayOfMonth,
  missingCoverageContacts,
  monthMinus,
  monthOf,
  monthsBetween,
  populationRows,
  quarterOf,
  REPORT_MAX_MONTHS,
  reportTexts,
  TREND_MONTHS,
  wantsSigning,
  type Principal,
  type ReportFamilyRef,
  type ReportFigures,
  type ReportGaps,
  type ReportProblems,
  type ReportQuery,
  type ReportResponse,
  type ReportTownship,
  type TrendMonth,
} from '../../domain';
// Straight from its module: through the domain index the window's schemas came with it.
import { summariseGreenChannel } from '../../domain/green-channel-counts';
import { holdsCard, type TownshipStatsItem } from '../lib/db/coverage';
import { countyOfTownship, countyTownshipStats } from '../lib/db/dashboard';
import type { FamilyProfileItem } from '../lib/db/items';
import { monthCount, requestStatsOf, surveyFigures } from '../lib/db/ledger-requests';
import { activeRequests, greenChannelMonths, monthStats, organisationOf, regionDoctorFollowUps, regionPlans, regionProfiles, townshipAssignments, townshipMonthContacts, type Assignment, type LoggedContact } from '../lib/db/report/read';
import { followUpSection } from './followups';
import { listRegionProblems, type ProblemItem } from '../lib/db/problems';
import { listCoverageStates, type SigningStateItem } from '../lib/db/signing';
import { badRequest, forbidden } from '../lib/http/errors';
import { loadDoubleSigning } from './double-signing';

/** The period asked for, checked against today: whole months, at most a year, none in the future. */
export function reportPeriod(query: Pick<ReportQuery, 'from' | 'to'>, now: Date) {
  const today = beijingDate(now);
  const to = query.to ?? monthOf(today);
  const from = query.from ?? to;
  if (to > monthOf(today)) throw badRequest(reportTexts.future, { 'query.to': reportTexts.future });
  if (from > to) throw badRequest(reportTexts.badPeriod, { 'query.from': reportTexts.badPeriod });
  const months = monthsBetween(from, to);
  if (months.length > REPORT_MAX_MONTHS) throw badRequest(reportTexts.longPeriod, { 'query.from': reportTexts.longPeriod });
  const end = lastDayOfMonth(to);
  const asOf = end < today ? end : today;
  return { today, from, to, months, asOf, quarter: quarterOf(asOf) };
}

const ref = (p: FamilyProfileItem): ReportFamilyRef => ({ familyId: p.familyId, familyName: p.familyName, villageName: p.villageName, townshipName: p.townshipName });
const byPlace = (a: ReportFamilyRef, b: ReportFamilyRef) =>
  a.townshipName.localeCompare(b.townshipName, 'zh') || a.villageName.localeCompare(b.villageName, 'zh') || a.familyName.localeCompare(b.familyName, 'zh');

/** Which townships the caller's report covers, and their county. */
export async function scopeOf(principal: Principal, townshipId: string | undefined): Promise<{ countyId: string; townships: TownshipStatsItem[]; level: 'county' | 'township' }> {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  // A city's report is its counties' (city-report.ts); a city id is never a township's.
  if (principal.level === 'city') throw forbidden('这个县区不在您的管辖范围内');
  if (principal.level === 'county') {
    const all = await countyTownshipStats(principal.regionId);
    const chosen = townshipId ? all.filter((t) => t.townshipId === townshipId) : all;
    if (townshipId && chosen.length === 0) throw forbidden('这个乡镇不在您的管辖范围内');
    return { countyId: principal.regionId, townships: chosen, level: townshipId ? 'township' : 'county' };
  }
  if (townshipId && townshipId !== principal.regionId) throw forbidden('这个乡镇不在您的管辖范围内');
  const countyId = await countyOfTownship(principal.regionId);
  if (!countyId) return { countyId: '', townships: [], level: 'township' };
  const all = await countyTownshipStats(countyId);
  return { countyId, townships: all.filter((t) => t.townshipId === principal.regionId), level: 'township' };
}

interface TownshipReads {
  contacts: LoggedContact[];
  assignments: Assignment[];
  /** Requests still active now, raised by the period's end. */
  open: Awaited<ReturnType<typeof activeRequests>>;
  /** Of those, past their due date at the period's end. */
  overdue: Awaited<ReturnType<typeof activeRequests>>;
}

/**
 * The report's data: the dashboard's counters for every standing figure (so the dashboard, the
 * export and the report give the same number), the contact log of each township and month for
 * what the counters do not split (calls, online, who was reached over several months), the
 * region's profiles and signing states for the population table and 建档立卡 signing, and the
 * contact persons' assignments for the names behind the gaps.
 */
export async function loadReport(principal: Principal, query: ReportQuery, now: Date): Promise<ReportResponse> {
  const period = reportPeriod(query, now);
  const scope = await scopeOf(principal, query.townshipId);
  const { countyId } = scope;
  const townshipIds = scope.townships.map((t) => t.townshipId);
  const onlyTownship = scope.level === 'township' ? townshipIds[0] : undefined;
  const trendFrom = monthMinus(period.to, TREND_MONTHS - 1);

  const [profiles, states, months, requestStats, survey, organisation, problemItems, plans, doctorFollowUps, greenChannel] = countyId && townshipIds.length
    ? await Promise.all([
        regionProfiles({ countyId, townshipId: onlyTownship }),
        listCoverageStates({ countyId, townshipId: onlyTownship }),
        monthStats(countyId, trendFrom < period.from ? trendFrom : period.from, period.to),
        requestStatsOf(countyId),
        surveyFigures(countyId, period.quarter),
        organisationOf(principal.personId),
        listRegionProblems(countyId, onlyTownship),
        regionPlans({ countyId, townshipId: onlyTownship }),
        Promise.all(period.months.map((m) => regionDoctorFollowUps({ countyId, townshipId: onlyTownship }, m))).then((l) => l.flat()),
        greenChannelMonths(countyId, period.from, period.to),
      ])
    : [[], [], [], [], [], await organisationOf(principal.personId), [], [], [], []];

  const reads = new Map<string, TownshipReads>(
    await Promise.all(
      townshipIds.map(async (t): Promise<[string, TownshipReads]> => {
        const active = requestStats.find((r) => r.townshipId === t)?.active ?? 0;
        const [contacts, assignments, stillActive] = await Promise.all([
          Promise.all(period.months.map((m) => townshipMonthContacts(t, m))).then((l) => l.flat()),
          townshipAssignments(t),
          active > 0 ? activeRequests(t) : Promise.resolve([]),
        ]);
        const { open, overdue } = activeAt(stillActive, period.asOf);
        return [t, { contacts, assignments, open, overdue }];
      }),
    ),
  );

  const chosen = new Set(townshipIds);
  const familyProfiles = profiles.filter((p) => chosen.has(p.townshipId));
  const profileById = new Map(familyProfiles.map((p) => [p.familyId, p]));
  const statesOf = new Map<string, SigningStateItem>(states.map((s) => [s.memberId, s]));
  const gaps: ReportGaps = { missingContacts: [], notReached: [], poorUnsigned: [], wantingUnsigned: [], withoutCard: [], overdueRequests: [], staff: [] };

  // A contact person may serve families of several townships: one line each, over all of them.
  const staff = new Map<string, { name: string; families: Set<string>; notReached: number }>();
  const townships: ReportTownship[] = scope.townships.map((t) => {
    const r = reads.get(t.townshipId)!;
    const own = familyProfiles.filter((p) => p.townshipId === t.townshipId);
    const inPeriod = months.filter((m) => m.townshipId === t.townshipId && period.months.includes(m.period));
    const sum = (f: 'contacts' | 'visits' | 'greetings') => inPeriod.reduce((n, m) => n + (m[f] ?? 0), 0);
    const reached = new Set(r.contacts.map((c) => c.familyId));
    const visited = new Set(r.contacts.filter((c) => c.type === 'home_visit').map((c) => c.familyId));
    const kindsOf = new Map<string, Assignment[]>();
    for (const a of r.assignments) kindsOf.set(a.familyId, [...(kindsOf.get(a.familyId) ?? []), a]);

    let poorMembers = 0;
    let poorSigned = 0;
    for (const p of own) {
      const missing = missingCoverageContacts((kindsOf.get(p.familyId) ?? []).map((a) => a.kind));
      if (missing.length) gaps.missingContacts.push({ ...ref(p), missing });
      if (!reached.has(p.familyId)) gaps.notReached.push({ ...ref(p), contactNames: [...new Set((kindsOf.get(p.familyId) ?? []).map((a) => a.name))] });
      // The same rule as the 持卡 counter: an active card that was handed over.
      if (!holdsCard(p.card)) gaps.withoutCard.push(ref(p));
      for (const m of p.members) {
        const state = statesOf.get(m.personId)?.state;
        if (isRegisteredPoor(p)) {
          poorMembers += 1;
          if (state === 'signed') poorSigned += 1;
          else gaps.poorUnsigned.push({ ...ref(p), memberName: m.name });
        }
        if (wantsSigning(state) && state !== 'signed') gaps.wantingUnsigned.push({ ...ref(p), memberName: m.name });
      }
    }
    for (const a of r.assignments) {
      if (profileById.get(a.familyId)?.townshipId !== t.townshipId) continue;
      const s = staff.get(a.staffId) ?? { name: a.name, families: new Set<string>(), notReached: 0 };
      if (!s.families.has(a.familyId)) {
        s.families.add(a.familyId);
        if (!reached.has(a.familyId)) s.notReached += 1;
      }
      staff.set(a.staffId, s);
    }
    for (const q of r.overdue) gaps.overdueRequests.push({ familyId: q.familyId, familyName: q.familyName, villageName: q.villageName, townshipName: q.townshipName, title: q.text.slice(0, 40), dueDate: q.dueDate, assigneeName: q.assignee?.name });

    const req = requestStats.find((x) => x.townshipId === t.townshipId);
    const sv = survey.find((x) => x.townshipId === t.townshipId);
    const figures: ReportFigures = {
      families: t.families,
      members: t.members,
      familiesWithAllContacts: t.familiesWithAllContacts,
      contacts: sum('contacts'),
      visits: sum('visits'),
      calls: r.contacts.filter((c) => c.type === 'phone').length,
      online: r.contacts.filter((c) => c.type === 'online').length,
      festivalGreetings: r.contacts.filter((c) => c.type === 'festival').length,
      birthdayGreetings: r.contacts.filter((c) => c.type === 'birthday').length,
      greetings: sum('greetings'),
      familiesReached: own.filter((p) => reached.has(p.familyId)).length,
      familiesVisited: own.filter((p) => visited.has(p.familyId)).length,
      wantingMembers: t.wantingMembers ?? 0,
      signedMembers: t.signedMembers,
      poorMembers,
      poorSignedMembers: poorSigned,
      cardHolders: t.cardHolders,
      // Per period from the township's month counters; at its end, the requests still active plus
      // those closed since (counted at every month end they stayed open over when they closed).
      requestsRaised: period.months.reduce((n, m) => n + monthCount(req, 'opened', m), 0),
      requestsResolved: period.months.reduce((n, m) => n + monthCount(req, 'resolved', m), 0),
      requestsOpen: r.open.length + monthCount(req, 'openAtEnd', period.to),
      requestsOverdue: r.overdue.length + monthCount(req, 'overdueAtEnd', period.to),
      surveyAnswered: sv?.answered ?? 0,
      surveyAware: sv?.awareness.know_all ?? 0,
      surveySatisfied: (sv?.satisfaction.very_satisfied ?? 0) + (sv?.satisfaction.satisfied ?? 0),
    };
    return { townshipId: t.townshipId, townshipName: t.townshipName, ...figures };
  });

  for (const [staffId, s] of staff) if (s.notReached > 0) gaps.staff.push({ staffId, name: s.name, notReached: s.notReached, families: s.families.size });
  for (const list of [gaps.missingContacts, gaps.notReached, gaps.poorUnsigned, gaps.wantingUnsigned, gaps.withoutCard, gaps.overdueRequests] as ReportFamilyRef[][]) list.sort(byPlace);
  gaps.staff.sort((a, b) => b.notReached - a.notReached || a.name.localeCompare(b.name, 'zh'));

  const trend: TrendMonth[] = monthsBetween(trendFrom, period.to).map((month) => {
    const of = months.filter((m) => m.period === month && chosen.has(m.townshipId));
    const add = (f: keyof TrendMonth & keyof (typeof of)[number]) => of.reduce((n, m) => n + ((m[f] as number | undefined) ?? 0), 0);
    return { month, contacts: add('contacts'), visits: add('visits'), greetings: add('greetings'), familiesContacted: add('familiesContacted'), familiesVisited: add('familiesVisited') };
  });

  const doubleSigning = await loadDoubleSigning({ profiles: familyProfiles, states: statesOf, townships: scope.townships, fromDay: `${period.from}-01`, asOf: period.asOf });

  return {
    regionName: scope.level === 'township' && townships[0] ? townships[0].townshipName : organisation ?? '',
    level: scope.level,
    from: period.from,
    to: period.to,
    asOf: period.asOf,
    quarter: period.quarter,
    population: populationRows(familyProfiles, period.asOf),
    townships,
    total: sumFigures(townships),
    trend,
    gaps,
    problems: problemFigures(problemItems.filter((p) => chosen.has(p.townshipId)), period),
    doubleSigning,
    followUps: await followUpSection({ townships: scope.townships, profiles: familyProfiles, states: statesOf, plans, doctorFollowUps, period }),
    greenChannel: summariseGreenChannel(period.from === period.to ? period.from : `${period.from}/${period.to}`, greenChannel.filter((c) => chosen.has(c.townshipId))),
  };
}

/** Raised in the period (and of those, rectified), and every one still open, overdue ones named. */
export function problemFigures(items: ProblemItem[], period: { months: string[]; today: string }): ReportProblems {
  const inPeriod = items.filter((p) => period.months.includes(p.raisedAt.slice(0, 7)));
  const open = items.filter((p) => p.status === 'open');
  return {
    raised: inPeriod.length,
    rectified: inPeriod.filter((p) => p.status === 'rectified').length,
    open: open.length,
    overdue: open
      .filter((p) => isProblemOverdue(p, period.today))
      .sort((a, b) => a.deadline.localeCompare(b.deadline))
      .map((p) => ({ problemId: p.problemId, townshipName: p.townshipName, area: problemAreaLabels[p.area], description: p.description, responsibleName: p.responsibleName, deadline: p.deadline })),
  };
}

export function sumFigures(list: ReportFigures[]): ReportFigures {
  const keysOf = Object.keys({ ...zeroFigures() }) as Array<keyof ReportFigures>;
  const out = zeroFigures();
  for (const t of list) for (const k of keysOf) out[k] += t[k];
  return out;
}

function zeroFigures(): ReportFigures {
  return {
    families: 0, members: 0, familiesWithAllContacts: 0, contacts: 0, visits: 0, calls: 0, online: 0, festivalGreetings: 0, birthdayGreetings: 0, greetings: 0,
    familiesReached: 0, familiesVisited: 0, wantingMembers: 0, signedMembers: 0, poorMembers: 0, poorSignedMembers: 0, cardHolders: 0,
    requestsRaised: 0, requestsResolved: 0, requestsOpen: 0, requestsOverdue: 0, surveyAnswered: 0, surveyAware: 0, surveySatisfied: 0,
  };
}
