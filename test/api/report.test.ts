import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { addGreenChannelCounts, noGreenChannelCounts, walkInCounts, type GreenChannelCounts } from '../../domain';
import { festivalDates } from '../../domain/festival-dates';
import { issueSessionToken } from '../../functions/lib/auth/tokens';
import { batchPutAll } from '../../functions/lib/db/batch';
import { db, tableName } from '../../functions/lib/db/client';
import type { WalkInItem } from '../../functions/lib/db/green-channel';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { personItem } from '../../local/seed/seed';
import { call, tokenFor } from '../support/api';
import { cardToken } from './booking-support';
import { ledgerWorld, writeLedgerWorld } from './ledger-world';
import { expectApiError, getItem, queryPartition } from './support-table';

/**
 * The self-inspection report over a county of its own (ledger world, tag "k": two townships, types,
 * ages, couples, 建档立卡, contacts of every kind over two months, requests over two months, a survey
 * answer, health files and follow-up plans with the doctor's visits and calls and a member's own
 * submission, walk-ins and an emergency admission at the window): every
 * figure recounted here from the records, family partition by family partition (the test may read
 * item by item; the product reads counters and per-region Queries), the request count bounded, and
 * the Word document opened and read.
 */
const w = ledgerWorld('k');
const FAMILIES = 12;
const NOW = '2026-11-20T10:00:00+08:00';
const at = (date: string) => ({ 'x-test-now': `${date}T10:00:00+08:00` });
const PERIOD = { from: '2026-10', to: '2026-11' };
const TODAY = '2026-11-20';

const vary = (n: number) => ({
  familyType: n % 4 === 0 ? ('disabled' as const) : ('bereaved' as const),
  poverty: n % 3 === 1,
  birthDate: ['1940-01-01', '1962-12-30', '1950-06-15', '1950-06-15', '1985-03-01'][n % 5],
  spouseBirthDate: n % 2 === 1 ? '1978-02-01' : undefined,
});

let comm = '';
let profiles: FamilyProfileItem[] = [];
const memberOf = (n: number) => profiles[n - 1].members[0].personId;
/** Health files written (day, mobility) of signed members (even families), and the doctor's visits and calls. */
const FILES: Array<[number, string, 'independent' | 'semi_disabled' | 'disabled']> = [
  [2, '2026-09-20', 'independent'],
  [4, '2026-09-20', 'semi_disabled'],
  [6, '2026-09-20', 'disabled'],
  [8, '2026-11-10', 'independent'],
];
const DOCTOR_VISITS: Array<[number, 'visit' | 'phone', string]> = [
  [2, 'visit', '2026-10-12'],
  [4, 'visit', '2026-10-20'],
  [4, 'phone', '2026-11-03'],
  [4, 'phone', '2026-11-05'],
  [4, 'phone', '2026-11-10'],
  [6, 'phone', '2026-11-17'],
  [8, 'visit', '2026-11-15'],
];
const HOSPITAL = 'p_lg6khosp';
const walkInIds: Array<{ date: string; visitId: string }> = [];
const admissionIds: string[] = [];

beforeAll(async () => {
  profiles = await writeLedgerWorld(w, FAMILIES, undefined, vary);
  // The contact persons in both townships' directories (they serve families in both here).
  await batchPutAll(
    w.townships.flatMap((t) =>
      ([[w.cadre, 'village', '测试村干部'], [w.cadre2, 'village', '接任村干部'], [w.lead, 'township', '测试镇领导']] as const).map(([personId, level, name]) => ({
        ...keys.staffDirectory(t, level, personId),
        entity: 'staffDirectory', personId, name, title: '', organisation: '', contactLevel: level, countyId: w.countyId, townshipId: t,
      })),
    ),
  );
  comm = await tokenFor(w.commCounty);
  const cadre = await tokenFor(w.cadre);
  const lead = await tokenFor(w.lead);
  const contacts: Array<[number, string, string, string]> = [
    [1, 'home_visit', '2026-11-02', cadre],
    [1, 'phone', '2026-11-18', cadre],
    [4, 'phone', '2026-11-17', cadre],
    [4, 'online', '2026-11-19', lead],
    [6, 'festival', '2026-10-29', cadre],
    [6, 'home_visit', '2026-11-16', lead],
    [8, 'birthday', '2026-11-05', cadre],
    // 重阳节: a home visit that is a greeting too.
    [5, 'home_visit', '2026-10-18', lead],
    [7, 'phone', '2026-10-07', lead],
    // Before the period: family 9 is not reached in it.
    [9, 'home_visit', '2026-09-28', cadre],
  ];
  for (const [n, type, date, token] of contacts) {
    const res = await call('POST', `/families/${w.family(n)}/contact-log`, { token, body: { type, date }, headers: at(date) });
    expect(res.status).toBe(201);
  }
  const raise = async (n: number, date: string) => {
    const res = await call('POST', `/families/${w.family(n)}/requests`, { token: cadre, body: { category: 'living', text: `报告测试诉求 ${n}` }, headers: at(date) });
    expect(res.status).toBe(201);
    return res.body.requestId as string;
  };
  await raise(4, '2026-11-05');
  const done = await raise(6, '2026-11-10');
  // Resolved after its overdue notice's moment: closing earlier cancels the notice, which the local
  // stack's sender (on the real clock, long past these days) may have sent already, failing the close.
  expect((await call('PUT', `/families/${w.family(6)}/requests/${done}`, { token: cadre, body: { status: 'resolved', note: '已办好', version: 1 }, headers: at('2026-11-19') })).status).toBe(200);
  // Raised in October, overdue at its end, resolved in November: October's report still counts it open and overdue.
  const late = await raise(3, '2026-10-08');
  expect((await call('PUT', `/families/${w.family(3)}/requests/${late}`, { token: cadre, body: { status: 'resolved', note: '已办好', version: 1 }, headers: at('2026-11-03') })).status).toBe(200);
  await raise(5, '2026-10-28');

  // Follow-ups: the members' consent, health files (the plans follow), the doctor's visits and
  // calls, and a member's own submission, which completes no doctor's follow-up.
  for (const [n] of FILES) {
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.person(memberOf(n)), UpdateExpression: 'SET consent = :c', ExpressionAttributeValues: { ':c': { privacyGuideVersion: '1', agreedAt: '2025-01-01T09:00:00+08:00', healthData: true, healthDataDecidedAt: '2025-01-01T09:00:00+08:00' } } }));
  }
  const doctor = await tokenFor(w.doctor);
  for (const [n, day, mobility] of FILES) {
    const res = await call('PUT', `/families/${w.family(n)}/members/${memberOf(n)}/health-file`, {
      token: doctor,
      body: { conditions: ['hypertension'], otherConditions: [], mobility, medicines: [], allergies: [], stability: 'stable' },
      headers: at(day),
    });
    expect(res.status).toBe(200);
  }
  for (const [n, kind, day] of DOCTOR_VISITS) {
    const res = await call('POST', `/families/${w.family(n)}/members/${memberOf(n)}/followup-visits`, { token: doctor, body: { kind, note: '报告测试随访' }, headers: { ...at(day), 'idempotency-key': `rk-${n}-${day}` } });
    expect(res.status).toBe(201);
  }
  const own = await call('POST', `/families/${w.family(6)}/members/${memberOf(6)}/followups`, {
    token: await tokenFor(memberOf(6)),
    body: { readings: { systolic: 132, diastolic: 82 }, symptoms: [], missedDoses: 0, mood: 'good' },
    headers: { ...at('2026-11-09'), 'idempotency-key': 'rk-own-6' },
  });
  expect(own.status).toBe(201);

  // The green channel: walk-ins and an emergency admission at the window of 清河县人民医院.
  await batchPutAll([(await personItem({ personId: HOSPITAL, name: '报告测试窗口', role: 'hospital', gender: 'female', birthDate: '1985-01-01', orgId: 'org_xyy', organisation: '清河县人民医院', title: '绿色通道专员' }, '13800000777')) as unknown as Record<string, unknown>]);
  const hospital = (await issueSessionToken({ personId: HOSPITAL, role: 'hospital', orgId: 'org_xyy' }, new Date())).token;
  const ticket = async (n: number, day: string) => {
    const res = await call('POST', '/hospital/patient-lookups', { token: hospital, body: { by: 'code', token: await cardToken(w.family(n), new Date(`${day}T10:00:00+08:00`)) }, headers: at(day) });
    expect([res.status, res.body.message]).toEqual([200, undefined]);
    return res.body.presentedTicket as string;
  };
  const walkIns: Array<[number, string, Record<string, unknown>]> = [
    [1, '2026-10-13', { priorities: ['挂号', '就诊'], escort: true, wheelchair: false, reductions: [], payLater: false }],
    [5, '2026-11-12', { priorities: ['取药'], escort: false, wheelchair: true, reductions: [], payLater: true }],
    [7, '2026-11-18', { priorities: [], escort: false, wheelchair: false, reductions: [], payLater: false }],
  ];
  for (const [n, day, extra] of walkIns) {
    const res = await call('POST', '/hospital/walk-ins', { token: hospital, body: { presentedTicket: await ticket(n, day), memberId: memberOf(n), departmentId: 'qk', ...extra }, headers: { ...at(day), 'idempotency-key': `rk-walkin-${n}` } });
    expect([res.status, res.body.fields ?? res.body.message]).toEqual([201, undefined]);
    walkInIds.push({ date: day, visitId: res.body.visitId });
  }
  const admitted = await call('POST', '/hospital/emergency-admissions', {
    token: hospital,
    body: { presentedTicket: await ticket(2, '2026-11-14'), memberId: memberOf(2), reason: '突发胸痛，需立即住院', relativesTried: '配偶已故，村干部电话未接通', leaderName: '李院长', approvedAt: '2026-11-14T09:20:00+08:00' },
    headers: { ...at('2026-11-14'), 'idempotency-key': 'rk-emergency-2' },
  });
  expect(admitted.status).toBe(201);
  admissionIds.push(admitted.body.admissionId);
  expect((await call('POST', `/families/${w.family(1)}/survey`, { token: await tokenFor(w.member), body: { awareness: 'know_all', satisfaction: 'satisfied' }, headers: at('2026-11-18') })).status).toBe(201);
});

const ids = () => Array.from({ length: FAMILIES }, (_, i) => w.family(i + 1));
const age = (birth: string, on: string) => Number(on.slice(0, 4)) - Number(birth.slice(0, 4)) - (on.slice(5) < birth.slice(5) ? 1 : 0);
const festivalDays = new Set(Object.values(festivalDates).flatMap((l) => l.map((f) => f.date)));

/** Every figure from the records, written out as a person with the paper ledger would count. */
async function recount(months: string[], asOf: string) {
  const perTownship = new Map<string, Record<string, number>>();
  const population = new Map<string, number>();
  const gaps = { missing: [] as string[], notReached: [] as string[], poorUnsigned: [] as string[], withoutCard: [] as string[], overdue: 0 };
  const monthly = new Map<string, number>();
  for (const familyId of ids()) {
    const items = await queryPartition(keys.familyPk(familyId));
    const p = items.find((i) => i.sk === 'FAMILY')!;
    const kinds = items.filter((i) => String(i.sk).startsWith('FAMILY#CONTACT#')).map((i) => i.kind as string);
    const log = items.filter((i) => i.entity === 'contactLog' || (i.entity === 'onlineContact' && !i.handContactId));
    for (const c of log) monthly.set(c.date.slice(0, 7), (monthly.get(c.date.slice(0, 7)) ?? 0) + 1);
    const inPeriod = log.filter((c) => months.includes(c.date.slice(0, 7)));
    const states = await Promise.all(p.members.map((m: { personId: string }) => getItem(keys.signingState(m.personId))));
    const requests = items.filter((i) => i.entity === 'request');
    // Open at the end of the day counted: raised by then, not closed by then (its timeline says when).
    const closedOn = (r: Record<string, unknown>) => (r.timeline as Array<{ at: string; status: string }>).find((e) => ['resolved', 'referred', 'declined'].includes(e.status))?.at.slice(0, 10);
    const active = requests.filter((r) => r.raisedAt.slice(0, 10) <= asOf && !((closedOn(r) ?? '9999') <= asOf));
    const answer = items.find((i) => i.entity === 'survey' && i.quarter === '2026-Q4');
    const t = perTownship.get(p.townshipId) ?? {};
    const add = (k: string, n: number) => (t[k] = (t[k] ?? 0) + n);
    const covered = kinds.includes('township_leader') && kinds.includes('village_cadre');
    add('families', 1);
    add('members', p.members.length);
    add('familiesWithAllContacts', covered ? 1 : 0);
    add('contacts', inPeriod.length);
    add('visits', inPeriod.filter((c) => c.type === 'home_visit').length);
    add('calls', inPeriod.filter((c) => c.type === 'phone').length);
    add('online', inPeriod.filter((c) => c.type === 'online' || c.entity === 'onlineContact').length);
    add('festivalGreetings', inPeriod.filter((c) => c.type === 'festival').length);
    add('birthdayGreetings', inPeriod.filter((c) => c.type === 'birthday').length);
    add('greetings', inPeriod.filter((c) => c.type === 'festival' || c.type === 'birthday' || (c.type === 'home_visit' && festivalDays.has(c.date))).length);
    add('familiesReached', inPeriod.length ? 1 : 0);
    add('familiesVisited', inPeriod.some((c) => c.type === 'home_visit') ? 1 : 0);
    add('wantingMembers', states.filter((s) => s && ['applied', 'signed', 'declined'].includes(s.state)).length);
    add('signedMembers', items.filter((i) => String(i.sk).startsWith('FAMILY#SIGN#')).length);
    add('poorMembers', p.registeredPoor ? p.members.length : 0);
    add('poorSignedMembers', p.registeredPoor ? states.filter((s) => s?.state === 'signed').length : 0);
    // A card counts once it is active and was handed over to the family.
    add('cardHolders', p.card.status === 'active' && p.card.handedOver ? 1 : 0);
    add('requestsRaised', requests.filter((r) => months.includes(r.raisedAt.slice(0, 7))).length);
    add('requestsResolved', requests.filter((r) => r.status === 'resolved' && months.includes(closedOn(r)!.slice(0, 7))).length);
    add('requestsOpen', active.length);
    add('requestsOverdue', active.filter((r) => r.dueDate < asOf).length);
    add('surveyAnswered', answer ? 1 : 0);
    add('surveyAware', answer?.awareness === 'know_all' ? 1 : 0);
    add('surveySatisfied', ['very_satisfied', 'satisfied'].includes(answer?.satisfaction) ? 1 : 0);
    perTownship.set(p.townshipId, t);
    for (const band of [0, 49, 60, 80]) {
      const people = p.members.filter((m: { birthDate: string }) => age(m.birthDate, asOf) >= band).length;
      if (!people) continue;
      for (const type of ['total', p.familyType]) {
        population.set(`${band}.${type}.families`, (population.get(`${band}.${type}.families`) ?? 0) + 1);
        population.set(`${band}.${type}.people`, (population.get(`${band}.${type}.people`) ?? 0) + people);
      }
    }
    if (!covered) gaps.missing.push(familyId);
    if (!inPeriod.length) gaps.notReached.push(familyId);
    if (!(p.card.status === 'active' && p.card.handedOver)) gaps.withoutCard.push(familyId);
    if (p.registeredPoor) p.members.forEach((m: { name: string }, i: number) => states[i]?.state !== 'signed' && gaps.poorUnsigned.push(m.name));
    // Named: those overdue then and still active now.
    gaps.overdue += active.filter((r) => r.dueDate < asOf && (r.status === 'open' || r.status === 'in_progress')).length;
  }
  return { perTownship, population, gaps, monthly };
}

const monday = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};
const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

/**
 * The follow-ups from each signed member's health partition: the plan, the file's mobility, and
 * the follow-ups the doctor's team recorded (a member's own submission is recorded by the member).
 */
async function recountFollowUps(months: string[], asOf: string) {
  const perTownship = new Map<string, Record<string, number>>();
  const gaps: string[] = [];
  for (const p of profiles) {
    const member = p.members[0];
    if ((await getItem(keys.signingState(member.personId)))?.state !== 'signed') continue;
    const health = await queryPartition(keys.healthPk(member.personId));
    const plan = health.find((i) => i.sk === 'PLAN');
    if (!plan) continue;
    const mobility = health.find((i) => i.sk === 'HFILE')!.mobility as string;
    const start = `${months[0]}-01`;
    const byDoctor = health
      .filter((i) => i.entity === 'followUp' && i.recordedBy !== member.personId && (i.kind === 'visit' || i.kind === 'phone'))
      .map((i) => String(i.at).slice(0, 10))
      .filter((d) => d >= start && d <= asOf);
    const from = plan.startedOn > start ? plan.startedOn : start;
    const t = perTownship.get(p.townshipId) ?? {};
    const add = (k: string, n: number) => (t[k] = (t[k] ?? 0) + n);
    const monthsDue = months.filter((m) => `${m}-01` <= asOf && `${m}-31` >= from);
    const weeksDue = new Set<string>();
    if (mobility !== 'independent') for (let d = from; d <= asOf; d = nextDay(d)) weeksDue.add(monday(d));
    const monthsDone = monthsDue.filter((m) => byDoctor.some((d) => d.startsWith(m)));
    const weeksDone = [...weeksDue].filter((wk) => byDoctor.some((d) => monday(d) === wk));
    add('planned', 1);
    add('visitsDue', monthsDue.length);
    add('visitsDone', monthsDone.length);
    add('visitsMissed', monthsDue.length - monthsDone.length);
    add('weeklyMembers', mobility === 'independent' ? 0 : 1);
    add('callsDue', weeksDue.size);
    add('callsDone', weeksDone.length);
    add('callsMissed', weeksDue.size - weeksDone.length);
    perTownship.set(p.townshipId, t);
    if (monthsDone.length < monthsDue.length || weeksDone.length < weeksDue.size) gaps.push(member.name);
  }
  return { perTownship, gaps };
}

/** The green channel of the period from the window's records of this county's families. */
async function recountGreenChannel(months: string[]) {
  const ours = new Set(profiles.map((p) => p.familyId));
  let counts = noGreenChannelCounts();
  for (const { date } of walkInIds) {
    if (!months.includes(date.slice(0, 7))) continue;
    const visits = (await queryPartition(keys.walkInDayPk('org_xyy', date))).filter((i) => i.entity === 'walkIn' && ours.has(i.familyId)) as unknown as WalkInItem[];
    for (const v of visits) counts = addGreenChannelCounts(counts, walkInCounts(v));
  }
  for (const id of admissionIds) {
    const a = await getItem(keys.admission(id));
    if (a && ours.has(a.familyId) && months.includes(String(a.admittedOn).slice(0, 7))) counts = addGreenChannelCounts(counts, a.emergency ? { admissions: 1, emergencyAdmissions: 1 } : { admissions: 1, priorityBeds: 1 });
  }
  return counts;
}

const zeroFollowUps = { planned: 0, visitsDue: 0, visitsDone: 0, visitsMissed: 0, weeklyMembers: 0, callsDue: 0, callsDone: 0, callsMissed: 0 };

/** The report's follow-ups and green channel against the recounts. */
async function expectCareRecounted(r: { followUps: { townships: Array<Record<string, unknown>>; gaps: Array<{ memberName: string; doctorName: string }> }; greenChannel: { total: GreenChannelCounts } }, months: string[], asOf: string) {
  const f = await recountFollowUps(months, asOf);
  for (const t of r.followUps.townships) {
    const { townshipId, townshipName: _n, ...figures } = t;
    expect({ townshipId, ...figures }).toEqual({ townshipId, ...zeroFollowUps, ...f.perTownship.get(townshipId as string) });
  }
  expect(r.followUps.gaps.map((g) => g.memberName).sort()).toEqual(f.gaps.sort());
  for (const g of r.followUps.gaps) expect(g.doctorName).toBe('测试医生');
  expect(r.greenChannel.total).toEqual(await recountGreenChannel(months));
}

test('county report: every figure equals a full recount of the records, in a bounded number of requests and no Scan', async () => {
  const res = await call('GET', `/commission/report?from=${PERIOD.from}&to=${PERIOD.to}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.status).toBe(200);
  const r = res.body;
  const counted = await recount(['2026-10', '2026-11'], TODAY);
  expect(r).toMatchObject({ level: 'county', from: '2026-10', to: '2026-11', asOf: TODAY, quarter: '2026-Q4' });
  for (const t of r.townships) {
    const { townshipId, townshipName: _n, ...figures } = t;
    expect({ townshipId, ...figures }).toEqual({ townshipId, ...counted.perTownship.get(townshipId) });
  }
  expect(r.townships.map((t: { townshipId: string }) => t.townshipId).sort()).toEqual([...counted.perTownship.keys()].sort());
  // The seeds' table: 合计, 49+, 60+, 80+, each by type.
  for (const row of r.population) {
    const band = row.band === 'all' ? 0 : Number(row.band);
    for (const type of ['total', 'bereaved', 'disabled'])
      expect([row.band, type, row[type]]).toEqual([row.band, type, { families: counted.population.get(`${band}.${type}.families`) ?? 0, people: counted.population.get(`${band}.${type}.people`) ?? 0 }]);
  }
  expect(r.population[0].total).toEqual({ families: FAMILIES, people: FAMILIES + FAMILIES / 2 });
  // The names behind every gap.
  expect(r.gaps.missingContacts.map((f: { familyId: string }) => f.familyId).sort()).toEqual(counted.gaps.missing.sort());
  expect(r.gaps.missingContacts[0].missing).toEqual(['village_cadre']);
  expect(r.gaps.notReached.map((f: { familyId: string }) => f.familyId).sort()).toEqual(counted.gaps.notReached.sort());
  expect(r.gaps.withoutCard.map((f: { familyId: string }) => f.familyId).sort()).toEqual(counted.gaps.withoutCard.sort());
  expect(r.gaps.poorUnsigned.map((m: { memberName: string }) => m.memberName).sort()).toEqual(counted.gaps.poorUnsigned.sort());
  expect(r.gaps.overdueRequests).toHaveLength(counted.gaps.overdue);
  expect(r.gaps.staff.map((s: { staffId: string }) => s.staffId).sort()).toEqual([w.cadre, w.lead].sort());
  // The 12-month trend from the monthly counters, as the log counts per month.
  expect(r.trend).toHaveLength(12);
  for (const m of r.trend) expect([m.month, m.contacts]).toEqual([m.month, counted.monthly.get(m.month) ?? 0]);
  expect(r.total).toMatchObject({ greetings: 3, visits: 3, requestsRaised: 4, requestsResolved: 2, requestsOpen: 2, requestsOverdue: 2 });
  await expectCareRecounted(r, ['2026-10', '2026-11'], TODAY);
  // The world has every kind: due and missed monthly visits, weekly calls done and missed, a member's own submission not counted.
  expect(r.followUps.total).toMatchObject({ planned: 4, weeklyMembers: 2 });
  expect(r.followUps.total.visitsMissed).toBeGreaterThan(0);
  expect(r.followUps.total.callsDone).toBeGreaterThan(0);
  expect(r.greenChannel.total).toMatchObject({ visitsWalkIn: 3, admissions: 1, emergencyAdmissions: 1 });
  // Bounded: 1 (townships) + 6 (profiles, states, months, request and survey counters, heading) +
  // per township: a contact-log Query per month, the staff directory, each contact person's
  // assignments (3 in each directory here), the active requests where some are.
  // (+1: the county's problem ledger, one Query; +1 the follow-up plans, +1 the doctors' visits
  // per month, +1 the green-channel counters of the period, +1 the doctors' names behind gaps,
  // +2 the 双签约 tiers: the programme members' teams and tier states, a BatchGet each per 100.)
  const townships = 2;
  expect(res.ddbRequests).toBeLessThanOrEqual(1 + 7 + 1 + 2 + 1 + 1 + 2 + townships * (2 + 1 + 3 + 1));
  expect(res.headers.get('x-lianxin-ddb-operations')).not.toMatch(/Scan/);
});

test('a past period: raised and resolved in it, open and overdue at its end, the follow-ups and the green channel of its months', async () => {
  const res = await call('GET', '/commission/report?from=2026-10&to=2026-10', { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.status).toBe(200);
  const r = res.body;
  expect(r.asOf).toBe('2026-10-31');
  const counted = await recount(['2026-10'], '2026-10-31');
  for (const t of r.townships) {
    const { townshipId, townshipName: _n, ...figures } = t;
    expect({ townshipId, ...figures }).toEqual({ townshipId, ...counted.perTownship.get(townshipId) });
  }
  // Family 3's request: raised on 10-08, due 10-15, resolved on 11-03: open and overdue at October's end.
  expect(r.total).toMatchObject({ requestsRaised: 2, requestsResolved: 0, requestsOpen: 2, requestsOverdue: 1 });
  await expectCareRecounted(r, ['2026-10'], '2026-10-31');
  expect(r.greenChannel.total).toMatchObject({ visitsWalkIn: 1, admissions: 0 });
});

test('the problem ledger in the report: raised and rectified in the period, the open ones, the late ones named', async () => {
  const raise = (deadline: string, description: string, date: string) =>
    call('POST', '/commission/problems', {
      token: comm,
      body: { townshipId: w.townships[0], area: 'visits', description, responsibleUnit: '甲镇政府', leaderName: '测试镇领导', responsiblePersonId: w.cadre, measures: '本月内入户走访', deadline },
      headers: { ...at(date), 'idempotency-key': `rp-${date}-${Math.random().toString(36).slice(2)}` },
    });
  const late = await raise('2026-11-05', '报告测试逾期问题', '2026-11-01');
  const onTime = await raise('2026-12-31', '报告测试按期问题', '2026-11-02');
  const done = await raise('2026-12-31', '报告测试已整改问题', '2026-11-03');
  // Raised before the period: open, but not counted as raised in it.
  const older = await raise('2026-12-31', '报告测试上期问题', '2026-09-10');
  for (const r of [late, onTime, done, older]) expect(r.status).toBe(201);
  expect((await call('POST', `/problems/${done.body.problemId}/rectify`, { token: await tokenFor(w.cadre), body: { evidence: '已于11月10日入户走访并补记台账', version: 1 }, headers: at('2026-11-10') })).status).toBe(200);

  const res = await call('GET', `/commission/report?from=${PERIOD.from}&to=${PERIOD.to}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.body.problems).toEqual({
    raised: 3,
    rectified: 1,
    open: 3,
    overdue: [{ problemId: late.body.problemId, townshipName: '甲镇', area: '走访慰问', description: '报告测试逾期问题', responsibleName: '测试村干部', deadline: '2026-11-05' }],
  });
  // The township officer of the other township sees none of them.
  const other = await call('GET', '/commission/report', { token: await tokenFor(w.commTownship), headers: { 'x-test-now': NOW } });
  expect(other.body.problems).toEqual({ raised: 0, rectified: 0, open: 0, overdue: [] });
});

test('the same figure is the same number on the dashboard and the report', async () => {
  const [dash, report] = await Promise.all([
    call('GET', '/commission/dashboard', { token: comm, headers: { 'x-test-now': NOW } }),
    call('GET', '/commission/report', { token: comm, headers: { 'x-test-now': NOW } }),
  ]);
  const d = dash.body.total;
  const r = report.body.total;
  expect(r).toMatchObject({
    families: d.families, members: d.members, familiesWithAllContacts: d.familiesWithAllContacts, wantingMembers: d.wantingMembers, signedMembers: d.signedMembers,
    cardHolders: d.cardHolders, contacts: d.contactsThisMonth, visits: d.visitsThisMonth, greetings: d.greetingsThisMonth, familiesVisited: d.visitedThisMonth,
    requestsOpen: d.requestsOpen, requestsOverdue: d.requestsOverdue, surveyAnswered: d.surveyAnswered, surveyAware: d.surveyAware, surveySatisfied: d.surveySatisfied,
  });
  // This month's green channel: the dashboard's section and the report's, from the same counters.
  expect(report.body.greenChannel.total).toEqual(dash.body.greenChannel.total);
  expect(report.body.greenChannel.townships).toEqual(dash.body.greenChannel.townships);
});

test('a township officer gets the report of their township only; another county or township is refused', async () => {
  const own = await call('GET', '/commission/report', { token: await tokenFor(w.commTownship), headers: { 'x-test-now': NOW } });
  expect(own.status).toBe(200);
  expect(own.body.level).toBe('township');
  expect(own.body.townships.map((t: { townshipId: string }) => t.townshipId)).toEqual([w.townships[1]]);
  const narrowed = await call('GET', `/commission/report?townshipId=${w.townships[1]}`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(narrowed.body.total).toEqual(own.body.total);
  expectApiError(await call('GET', `/commission/report?townshipId=${w.townships[0]}`, { token: await tokenFor(w.commTownship) }), 403, 'forbidden');
  expectApiError(await call('GET', '/commission/report?townshipId=t_chengguan', { token: comm }), 403, 'forbidden');
});

test('the Word document: opened, its text carries the figures, East Asian fonts set; the workbook has the three tables', async () => {
  const res = await call('GET', `/commission/report-export?from=${PERIOD.from}&to=${PERIOD.to}&format=docx`, { token: comm, headers: { 'x-test-now': NOW } });
  expect(res.status).toBe(200);
  expect(res.body.filename).toMatch(/\.docx$/);
  const zip = await JSZip.loadAsync(Buffer.from(res.body.base64, 'base64'));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const report = (await call('GET', `/commission/report?from=${PERIOD.from}&to=${PERIOD.to}`, { token: comm, headers: { 'x-test-now': NOW } })).body;
  const all = report.population[0];
  expect(text).toContain(`共有计划生育特殊家庭${all.total.families}户${all.total.people}人（失独${all.bereaved.families}户${all.bereaved.people}人、伤残${all.disabled.families}户${all.disabled.people}人）`);
  expect(text).toContain(`其中49岁以上${report.population[1].total.families}户${report.population[1].total.people}人`);
  expect(text).toContain(`联系${report.total.contacts}次，其中登门走访${report.total.visits}次、电话联络${report.total.calls}次、网络沟通${report.total.online}次`);
  expect(text).toContain(`建档立卡贫困家庭成员${report.total.poorMembers}人，已签约${report.total.poorSignedMembers}人`);
  expect(text).toContain('特殊家庭基本情况统计表');
  const due = report.followUps.total;
  expect(text).toContain(`本期应由签约医生随访${due.visitsDue}人次（每月一次），医生团队上门或电话随访${due.visitsDone}人次`);
  expect(text).toContain(`其中失能、半失能老人${due.weeklyMembers}人，应每周随访${due.callsDue}人次，已随访${due.callsDone}人次`);
  expect(text).toContain(`窗口直接就诊${report.greenChannel.total.visitsWalkIn}人次`);
  expect(text).toContain(`本期受理诉求${report.total.requestsRaised}件，解决${report.total.requestsResolved}件；截至期末办理中${report.total.requestsOpen}件，其中逾期${report.total.requestsOverdue}件`);
  expect(text).toContain(`签约医生随访未落实${report.followUps.gaps.length}人`);
  expect(text).toContain(report.gaps.missingContacts[0].familyName);
  expect(xml).toMatch(/w:eastAsia="仿宋"/);

  const book = await call('GET', `/commission/report-export?from=${PERIOD.from}&to=${PERIOD.to}&format=xlsx`, { token: comm, headers: { 'x-test-now': NOW } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(book.body.base64, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['特殊家庭基本情况统计表', '联系人制度落实情况表', '扶助关怀情况统计表', '家庭医生随访落实情况表', '未达标名单']);
  const fu = wb.getWorksheet('家庭医生随访落实情况表')!;
  const f = report.followUps.total;
  expect(fu.getRow(fu.rowCount).values).toEqual([undefined, '合计', f.planned, f.visitsDue, f.visitsDone, f.visitsMissed, `${Math.round((f.visitsDone / f.visitsDue) * 100)}%`, f.weeklyMembers, f.callsDue, f.callsDone, f.callsMissed, `${Math.round((f.callsDone / f.callsDue) * 100)}%`]);
  const care = wb.getWorksheet('扶助关怀情况统计表')!;
  const careHeader = care.getRow(1).values as unknown[];
  const careTotal = care.getRow(care.rowCount).values as unknown[];
  expect(careTotal[careHeader.indexOf('窗口直接就诊')]).toBe(report.greenChannel.total.visitsWalkIn);
  expect(careTotal[careHeader.indexOf('本期受理诉求')]).toBe(report.total.requestsRaised);
  const pop = wb.getWorksheet('特殊家庭基本情况统计表')!;
  expect(pop.getRow(2).values).toEqual([undefined, '合计', all.total.families, all.total.people, all.bereaved.families, all.bereaved.people, all.disabled.families, all.disabled.people]);
  const contactSheet = wb.getWorksheet('联系人制度落实情况表')!;
  expect(contactSheet.getRow(contactSheet.rowCount).getCell(5).value).toBe(report.total.contacts);
});
