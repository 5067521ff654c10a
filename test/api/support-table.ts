import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomBytes } from 'node:crypto';
import { fingerprint } from '../../functions/lib/crypto/field-crypto';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import type { ApiResponse } from '../support/api';

/**
 * Looking at the table from the tests, and the rules that keep "nothing was written" checks sound
 * while jest runs the api suites in parallel workers against ONE shared, seeded table.
 *
 * Why not compare the whole table: other workers write while a check runs (bindings, rate-limit
 * windows, consent, audit events), so a whole-table before/after comparison would be flaky, and a
 * "retry if something else changed" rule cannot tell a stray write from a neighbour's.
 *
 * What the checks do instead, two independent proofs for every refused request:
 * 1. The local API Gateway reports every DynamoDB request a call made (x-lianxin-ddb-requests and
 *    x-lianxin-ddb-operations, counted inside the handler's async context). A refused request that
 *    made no request, or only key reads, cannot have written anything anywhere. This holds however
 *    many workers run.
 * 2. `sliceFingerprint` compares, before and after, every item of the partitions the request could
 *    write to or names (`touchable`): the handlers' write targets are PERSON#<caller> (consent),
 *    AUDIT#<family> (phone reveal), OPENID#<openid> + PERSON#<bound person> + RATE#bind#<openid
 *    fingerprint> (binding), and the family partition in the path. Once per file, every seeded
 *    family partition (SEED_PARTITIONS), which no suite writes, is compared too. This is sound because
 *    each suite writes only partitions it owns (below) and the refused-request suites aim at
 *    partitions no other suite owns.
 *
 * Ownership of written partitions (keep it disjoint when adding suites):
 * - auth.test.ts:                 OPENID#t-auth-*, RATE#bind#<its openids>, PERSON#p_m0005 (the one
 *                                 successful binding), nothing else.
 * - contacts.test.ts:             AUDIT#f_0001 (phone reveals by p_cadre01 and p_doc01).
 * - me.test.ts:                   PERSON#p_m0012, PERSON#p_m0013 (consent).
 * - authorization-matrix.test.ts: AUDIT#f_0002 (reveals in scope), PERSON# consent of its callers
 *                                 p_m0003, p_cadre01, p_doc01, p_hosp01, p_comm01.
 * - pagination.test.ts:           AUDIT#f_0004 (phone reveals of p_m0006 by p_cadre02, paged by the
 *                                 family's members p_m0006 and p_m0007).
 * - signing.test.ts:              its own fixture county (fixture in signing-fixture.ts): every
 *                                 partition of persons, families, teams and villages named p_sg…,
 *                                 f_sg…, tm_sg…, v_sg…, their SIGNING#/POLICY#/OUTBOX# items; the
 *                                 fixture families are left out of SEED_PARTITIONS.
 * - paper-contract.test.ts:       its own fixture county c_sgptest (p_sgp…, f_sgp…, tm_sgp…, v_sgp…),
 *                                 their SIGNING#/AUDIT#/OUTBOX# items and sign/f_sgp… objects.
 * - notify.test.ts:               PERSON#p_m0016 / PERSON#p_m0017 SUBSCRIPTION# items, and the
 *                                 OUTBOX#t-notify-* items it writes (delivered by the local loop).
 * - uploads.test.ts:              only objects in the local S3 (conv/f_0010/...).
 * - messaging*.test.ts:           conversations/consultations of f_0009..f_0012 (their own
 *                                 partitions, plus CONTACTLOG#/FOLLOWUP-ITEM# items in FAMILY#f_0009..12;
 *                                 a staff reply also moves their LEDGER summary and STATS#c_qinghe),
 *                                 and subscriptions/outbox of those families' members and staff.
 * - booking*.test.ts:             sessions of their own (SESSIONS#org_xyy#2030-… and later, in
 *                                 departments of their own), BOOKING#, MEMBERBK#, IDEMP#, WAIT#,
 *                                 ADMIT#, OUTBOX#booking-…/offer-…/admission-… items, the discharge
 *                                 note FAMILY#f_0009 / DISCHARGE#… (not part of SEED_PARTITIONS),
 *                                 and PERSON#p_c0001… (the contention run's own members).
 * - authorization-matrix.test.ts also writes the health partition HEALTH#p_m0003 (its member's
 *                                 follow-ups) and IDEM#/OUTBOX# items of its callers.
 * - followups*.test.ts:           HEALTH#, PERSON# consent and AUDIT# of families f_0010, f_0011,
 *                                 f_0012 (members p_m0016..p_m0020, doctor p_doc03), their IDEM#
 *                                 and OUTBOX# items, and the doctor's queue items it puts directly
 *                                 (DISCHARGE#/FOLLOWUP-ITEM# of p_doc03, in partitions QITEM#…),
 *                                 and INST#org_pharm… (another county's institution, off every list).
 * - bad-input.test.ts:            nothing (it only sends refused requests; its WeChat user t-bad-…
 *                                 only logs in). Its callers are p_m0008, p_cadre02, p_doc03,
 *                                 p_comm01 and its family f_0005, so should a bad request be wrongly
 *                                 accepted, the stray write lands in partitions no one else checks.
 * - ledger*.test.ts:              their own county (ledger-world.ts): FAMILY#f_lg6<tag>*, PERSON# and
 *                                 OPENID# of p_lg6<tag>*, STATS#c_lg6<tag> (ledger-online: tag "o",
 *                                 with THREAD#/MSGSTATS#/OUTBOX# items of its conversations). The matrix's allowed
 *                                 ledger calls add a contact to f_0002 (CONTACTLOG#, LEDGER, STATS#c_qinghe).
 * - problems.test.ts:             the problems of 柳林乡 (PROBLEM# items with township t_liulin); the
 *                                 matrix's allowed problems.create raises its own in 城关镇.
 * - urgent-tasks.test.ts:         its own ledger world (tag "u"): FAMILY#f_lg6u*, PERSON#/OPENID# of
 *                                 p_lg6u*, STATS#c_lg6u; the admissions it plants ADMIT#adm_urg… at
 *                                 org_xyy; OUTBOX#urgent#… and IDEM# items of its world's people.
 * - townships.test.ts:           its own county (ledger-world tag "twn", c_lg6twn): STATS#c_lg6twn
 *                                 TOWNSHIP# items and the TOWNSHIPCLAIM#t_1305991… claims it adds.
 * - institutions.test.ts:         its own county (ledger-world tag "ins", c_lg6ins): the institutions it
 *                                 adds there (INST#org_<random>), a BOOKING# item of its own, the
 *                                 hand-over of f_lg6ins003's doctor and p_lg6insdocnew with its DOCDIR# entry.
 * - changes.test.ts:              its own ledger-world county (tag "vl": FAMILY#f_lg6vl*, PERSON#/OPENID# of
 *                                 p_lg6vl*, STATS#c_lg6vl), team tm_lg6vl, SIGNING#/POLICY#/OUTBOX#/IDEM# items of them.
 * - county-support.test.ts:       its own county (ledger-world tag "gm", c_lg6gm): COUNTY#c_lg6gm
 *                                 SUPPORT and SUPPORT#CHANGE# items, IDEM# items of its officer.
 * - report.test.ts:               its own ledger-world county (tag "k": FAMILY#f_lg6k*, PERSON#/OPENID# of
 *                                 p_lg6k*, STATS#/REQSTATS#c_lg6k) and STAFFDIR#t_lg6k* entries (requests.test.ts has "r");
 *                                 its members' HEALTH#p_lg6*k*, DOCFU#c_lg6k#…, GCSTATS#c_lg6k, its window clerk
 *                                 p_lg6khosp's walk-ins at org_xyy on 2026-10-13, 11-12 and 11-18 (WALKIN#org_xyy#…),
 *                                 one emergency ADMIT#adm_…, and RATE#lookup#p_lg6khosp.
 * - people.test.ts:               its own county (ledger-world.ts, tag "s": c_lg6s), its staff's PERSON#,
 *                                 IDNO#, ROSTER#c_lg6s, STAFFDIR#t_lg6s*, DOCDIR#c_lg6s, ACTIVITY#c_lg6s
 *                                 and OPENID# t-people-* items, a HEALTH#p_lg6ms010 plan; the matrix's staff calls write nothing.
 * - acting.test.ts:               its own world (acting-world.ts): FAMILY#/AUDIT#f_act<tag>*, PERSON#/
 *                                 OPENID#/IDEM#/MEMBERBK# of p_act<tag>*, HEALTH#p_act<tag>*, REQSTATS#c_act<tag>,
 *                                 and its BOOKING#/ADMIT#/OUTBOX# items; sessions as the booking suites.
 *                                 The matrix's allowed acting calls add a request, a survey answer and
 *                                 access-log lines to f_0002 (REQUEST#…, SURVEY#…, AUDIT#f_0002).
 * - lifecycle.test.ts:            its own ledger-world county (tag "lc": FAMILY#f_lg6lc*, STATS#c_lg6lc,
 *                                 SIGNING#/PERSON# of its members, OUTBOX#urgent#death.… items), and
 *                                 the hospital p_hosp01's card checks (reads only). A second county
 *                                 (tag "lfl": FAMILY#f_lg6lfl*, STATS#/REQSTATS#c_lg6lfl, MEMBERBK#p_lg6…lfl…)
 *                                 with bookings and waiting places on 2031-09-10 sessions of its own departments.
 * - policy-support.test.ts:       its own ledger-world county (tag "ps": FAMILY#/POLICY#f_lg6ps*, PERSON#p_lg6psmem001
 *                                 consent); reads the demo's POLICY#f_0004 and POLICY#f_0010 (nobody writes them).
 * - go-live.test.ts:              nothing here: it builds its county in a stack and table of its own,
 *                                 started empty (LIANXIN_SEED=none).
 * - city-report.test.ts:          two ledger-world counties (tags "qcx", "qcy": FAMILY#f_lg6qc*, STATS#/
 *                                 REQSTATS#c_lg6qc*, PERSON#/OPENID# of p_lg6qc*) and the city CITY#city_lg6qc.
 * - double-signing.test.ts:       its own ledger-world county (tag "dsg": FAMILY#f_lg6dsg*, HEALTH#/SIGNING#/PERSON# of
 *                                 p_lg6*dsg*, the team TEAM#tm_lg6dsg1 and its TEAM#/VILLAGE# items).
 */
export const ownedBy = {
  auth: { openidPrefix: 't-auth-', persons: ['p_m0005'] },
  // commission-account.test.ts: a county of its own (c_newcounty) and its officer's binding.
  county: { openidPrefix: 't-county-' },
  // city-account.test.ts: a city of its own (city_newcity) and its officer's binding. The
  // matrix's city row (city-authorization.ts) records the demo city officer p_city01's consent.
  city: { openidPrefix: 't-city-' },
  /** Plants its own unbound members (PERSON#p_tl…, in f_0003) and locks them; outbox notices to f_0003's contacts. */
  bindLock: { openidPrefix: 't-lock-', personPrefix: 'p_tl' },
  /** p_m0014's consent; health and phone reads of AUDIT#f_0009 on far-future days; list-read events on such days. */
  accessLog: { member: 'p_m0014', family: 'f_0009' },
  contacts: { audit: ['f_0001'] },
  me: { persons: ['p_m0012', 'p_m0013'] },
  matrix: { audit: ['f_0002'], persons: ['p_m0003', 'p_cadre01', 'p_doc01', 'p_hosp01', 'p_comm01'] },
  pagination: { audit: ['f_0004'] },
  followups: { audit: ['f_0010', 'f_0011', 'f_0012'], persons: ['p_m0016', 'p_m0017', 'p_m0018', 'p_m0019', 'p_m0020'] },
  /**
   * walk-in.test.ts: its own county (walk-in-world.ts): FAMILY#/PERSON#/AUDIT#/CARDNO#/NAMEID# of
   * f_wk…, p_wk…, GCSTATS#c_wk…, RATE#lookup#p_wk…, its bookings and admissions at org_xyy on
   * 2031-05 days (BOOKING#bk_wk…, ADMIT#…, WALKIN#org_xyy#2031-05-…, LOOKUPS#org_xyy) and IDEM#p_wk….
   */
  walkIn: { familyPrefix: 'f_wk', personPrefix: 'p_wk' },
} as const;

export interface Slice {
  /** Exact partition keys. */
  pks?: string[];
  /** Partition-key prefixes. */
  pkPrefixes?: string[];
  /** Only items whose sort key starts with one of these (default: all). */
  skPrefixes?: string[];
  /** Items whose sort key starts with one of these are not part of the slice. */
  skipSkPrefixes?: string[];
  /** Partition-key prefixes left out of `pkPrefixes` (fixtures another suite writes). */
  exceptPkPrefixes?: string[];
}

export interface SliceFingerprint {
  count: number;
  hash: string;
  keys: string[];
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

const canonical = (item: Record<string, unknown>): string =>
  JSON.stringify(item, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * Count and hash of every item whose pk is in the slice: exact partitions are read with consistent
 * Queries, prefixes with a Scan (this is a test looking at the table, not a user-facing read).
 */
export async function sliceFingerprint(slice: Slice): Promise<SliceFingerprint> {
  const items: Record<string, unknown>[] = [];
  const exact = [...new Set(slice.pks ?? [])];
  for (const pk of exact) items.push(...(await queryPartition(pk)));
  const prefixes = slice.pkPrefixes ?? [];
  if (prefixes.length) {
    const seen = new Set(exact);
    const except = slice.exceptPkPrefixes ?? [];
    items.push(...(await scanAll()).filter((i) => !seen.has(String(i.pk)) && prefixes.some((p) => String(i.pk).startsWith(p)) && !except.some((p) => String(i.pk).startsWith(p))));
  }
  const skip = slice.skipSkPrefixes ?? [];
  const kept = items.filter(
    (i) => (!slice.skPrefixes || slice.skPrefixes.some((p) => String(i.sk).startsWith(p))) && !skip.some((p) => String(i.sk).startsWith(p)) && !isListReadAudit(i),
  );
  items.length = 0;
  items.push(...kept);
  const lines = items.map(canonical).sort();
  return {
    count: items.length,
    hash: createHash('sha256').update(lines.join('\n')).digest('hex'),
    keys: items.map((i) => `${String(i.pk)} ${String(i.sk)}`).sort(),
  };
}

/**
 * The seeded family partitions (profiles, contacts, signings) and the seed marker: no suite writes
 * them, so they must be byte-identical across a whole file of refused requests. Checked once per
 * file (a Scan) rather than per request.
 */
export const SEED_PARTITIONS: Slice = {
  pkPrefixes: ['FAMILY#', 'SEED'],
  // The foundation's family items (profile, contacts, signings) and the seed marker; the features'
  // items in seeded families (CONTACTLOG#, LEDGER, DISCHARGE#, …) change as their suites run.
  skPrefixes: ['FAMILY', 'demo-county'],
  // Test-created worlds where contacts and signings change: the signing suites' families and the
  // ledger suites' county (test/api/ledger-world.ts), the walk-in suite's county (walk-in-world.ts).
  exceptPkPrefixes: ['FAMILY#f_sg', 'FAMILY#f_lg6', 'FAMILY#f_wk'],
};

/** What a request could write to or names, given the handlers' write targets (see above). */
export function touchable(request: {
  caller?: string;
  familyId?: string;
  memberId?: string;
  openid?: string;
  boundPerson?: string;
}): Slice {
  const pks: string[] = [];
  if (request.caller) pks.push(keys.person(request.caller).pk);
  if (request.familyId) pks.push(keys.auditPk(request.familyId));
  if (request.memberId) pks.push(keys.person(request.memberId).pk);
  if (request.boundPerson) pks.push(keys.person(request.boundPerson).pk);
  if (request.openid) pks.push(keys.binding(request.openid).pk, rateLimitKey(request.openid).pk);
  if (request.familyId) pks.push(keys.familyPk(request.familyId), keys.policyPk(request.familyId));
  if (request.memberId) pks.push(keys.signingPk(request.memberId));
  // Remaining subscriptions are spent by the outbox sender a moment after an earlier, allowed
  // request (the local loop runs every second): a write of delivery, not of the request under test.
  return { pks, skipSkPrefixes: ['SUBSCRIPTION#'] };
}

/** Runs `fn` and asserts the slice of the table is the same after it as before. */
export async function expectSliceUnchanged<T>(slice: Slice, fn: () => Promise<T>): Promise<T> {
  const before = await sliceFingerprint(slice);
  const result = await fn();
  const after = await sliceFingerprint(slice);
  expect(after.keys).toEqual(before.keys);
  expect(after).toEqual(before);
  return result;
}

/**
 * A list view that shows families' types or members' conditions writes one audit event per viewer,
 * subject and day (functions/lib/db/audit.ts) into every listed family's log, whichever suite
 * lists them: not a write of the request under test, and not counted by suites that own a log.
 */
export const isListReadAudit = (item: Record<string, unknown>) => item.entity === 'audit' && String(item.sk).includes('#day#');

/** A family's audit events other than list reads (see isListReadAudit). */
export async function auditEventsOf(familyId: string): Promise<Record<string, any>[]> {
  return (await queryPartition(keys.auditPk(familyId))).filter((i) => !isListReadAudit(i));
}

export const rateLimitKey = (openid: string) => keys.bindRateLimit(fingerprint(openid));

export async function getItem(key: { pk: string; sk: string }): Promise<Record<string, any> | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  return out.Item as Record<string, any> | undefined;
}

export async function queryPartition(pk: string): Promise<Record<string, any>[]> {
  const items: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as Record<string, any>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every binding item (OPENID#…) that points at a person. */
export async function bindingsOf(personId: string): Promise<Record<string, any>[]> {
  return (await scanAll()).filter((i) => String(i.pk).startsWith('OPENID#') && i.personId === personId);
}

/** A WeChat user no one has seen: the stand-in accepts /^[A-Za-z0-9_-]{6,64}$/. */
export const freshOpenid = (tag: string) => `${tag}${randomBytes(8).toString('hex')}`;

/** The DynamoDB operations a call made, as the local runtime reports them. */
export function operations(res: ApiResponse): string[] {
  const raw = res.headers.get('x-lianxin-ddb-operations');
  return raw ? raw.split(',') : [];
}

const READ_OPERATIONS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']);

/** The handler ran and made at most `maxReads` DynamoDB requests, all of them reads. */
export function expectReadsOnly(res: ApiResponse, maxReads: number): void {
  expect(Number.isFinite(res.ddbRequests)).toBe(true);
  expect(res.ddbRequests).toBeLessThanOrEqual(maxReads);
  for (const op of operations(res)) expect(READ_OPERATIONS.has(op)).toBe(true);
}

export const CHINESE = /[\u4e00-\u9fa5]/;

/** A refused answer in the API's error shape: error code and a Chinese message, nothing else. */
export function expectApiError(res: ApiResponse, status: number, error: string): void {
  expect({ status: res.status, error: res.body?.error }).toEqual({ status, error });
  expect(res.body.message).toMatch(CHINESE);
  for (const key of Object.keys(res.body)) expect(['error', 'message', 'fields']).toContain(key);
}

/** ISO instant with offset → epoch ms. */
export const ms = (iso: string) => new Date(iso).getTime();
