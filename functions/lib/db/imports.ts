import { CARD_NO_FIELD, IMPORT_BY, maskPhone, type ImportProblem } from '../../../domain';
import { blindIndex, encryptField } from '../crypto/field-crypto';
import { newStaffItems } from './staff';
import { cardNumberItem, nameIdItem } from './green-channel';
import type { FamilyUnit, ImportPerson, ImportUnit, StaffUnit } from '../imports/validate';
import { batchGetAll } from './batch';
import { changeEventItem } from './change-list';
import { tableName } from './client';
import { townshipStatsAdd, type FamilyFigures } from './coverage';
import type { FamilyProfileItem, PersonItem } from './items';
import { keys } from './keys';
import { ledgerSummaryItem } from './ledger';
import { type Part, part, transact } from './transact';

/**
 * The import's side of the table (see functions/lib/imports/run-job.ts for the whole flow).
 *
 * Ids are derived, never drawn: a person's id from the blind index of their ID number, a family's
 * from its 家庭编号. Each ID number has a guard item (IDNO#<blind index>) naming its person, so a
 * number already registered (by the seed, an earlier import or anyone else) is found with one
 * BatchGet, and two imports racing for it cannot both win (attribute_not_exists in the write).
 */
export interface IdGuardItem {
  pk: string;
  sk: 'IDNO';
  entity: 'idNumberGuard';
  personId: string;
  familyId?: string;
  /** The import row's digest (staff), so a re-import of the same row is recognised. */
  digest?: string;
}

export interface ImportRegion {
  countyId: string;
  /** A county officer: may import county-wide and institution staff too. */
  countyWide: boolean;
  /** Townships the importer may write to, with their names. */
  townships: Map<string, { townshipName: string }>;
}

export interface ImportContext extends ImportRegion {
  today: string;
  /** `name`: who imported (the change list names them); `cardIssuer`: who issues the service cards, when not the importing office itself. */
  importer: { organisation: string; workPhone: string; name?: string; cardIssuer?: string };
  /**
   * Ids a register already has (ID number → person id), used instead of derived ones: the demo
   * county's seed keeps its named ids (p_m0001…) while going through the import.
   */
  personIds?: ReadonlyMap<string, string>;
}

/** A unit to write: its size is known at once, its items (encryption) are made when written. */
export interface FreshUnit {
  townshipId: string;
  size: number;
  prepare: () => Promise<PreparedUnit>;
}

/** What a fresh unit writes, and how it moves its township's standing figures. */
interface PreparedUnit {
  townshipId: string;
  items: object[];
  figures: Partial<FamilyFigures>;
}

/** BatchGets of 100 keys, several at once: a 2,000-family file names ~6,000 keys. */
async function getMany<T>(wanted: Array<{ pk: string; sk: string }>): Promise<T[]> {
  const chunks: Array<Array<{ pk: string; sk: string }>> = [];
  for (let i = 0; i < wanted.length; i += 100) chunks.push(wanted.slice(i, i + 100));
  const out: T[] = [];
  for (let i = 0; i < chunks.length; i += 8) out.push(...(await Promise.all(chunks.slice(i, i + 8).map((c) => batchGetAll<T>(c)))).flat());
  return out;
}

export const familyIdOf = (familyNumber: string) => `f_${familyNumber}`;

export async function idIndex(idNumber: string): Promise<string> {
  return blindIndex('id_number', idNumber);
}
/** `p_` and 20 hex digits of the ID number's blind index: stable, and reveals nothing. */
export const personIdOf = (index: string) => `p_${Buffer.from(index, 'base64url').toString('hex').slice(0, 20)}`;

export function idGuardItem(index: string, personId: string, extra: { familyId?: string; digest?: string } = {}): IdGuardItem {
  return { ...keys.idNumberGuard(index), entity: 'idNumberGuard', personId, ...extra };
}

export async function personItem(p: ImportPerson, personId: string, extra: Partial<PersonItem> & Pick<PersonItem, 'role'>): Promise<PersonItem> {
  return {
    ...keys.person(personId),
    entity: 'person',
    personId,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    ...extra,
    idNumberEnc: await encryptField(p.idNumber, `${personId}:id_number`),
    phoneEnc: p.phone ? await encryptField(p.phone, `${personId}:phone`) : '',
    phoneMasked: p.phone ? maskPhone(p.phone) : '',
    // Without a phone the member cannot bind by phone; the key still has to be unique per person.
    gsi1pk: keys.personByPhone(p.phone ? await blindIndex('phone', p.phone) : `none-${personId}`),
    gsi1sk: `PERSON#${personId}`,
  };
}

async function prepareFamily(u: FamilyUnit, ids: Map<string, string>, ctx: ImportContext): Promise<PreparedUnit> {
  const familyId = familyIdOf(u.familyNumber);
  const townshipName = ctx.townships.get(u.townshipId)!.townshipName;
  const members = u.members.map((m) => ({ ...m, personId: ctx.personIds?.get(m.idNumber) ?? personIdOf(ids.get(m.idNumber)!) }));
  const profile: FamilyProfileItem & { importDigest: string } = {
    ...keys.familyProfile(familyId),
    entity: 'family',
    familyId,
    familyName: `${members[0]!.name}家`,
    familyType: u.row.家庭类别,
    // 低保 is a civil-affairs benefit, not a poverty-programme registration: it alone does not
    // switch on the 双签约 cadence (the other two flags are set in the family's details).
    lowIncome: u.row.低保户,
    registeredPoor: false,
    illnessPoverty: false,
    version: 1,
    countyId: ctx.countyId,
    townshipId: u.townshipId,
    townshipName,
    villageId: u.row.村编号,
    villageName: u.row.村名称,
    members: members.map((m) => ({ personId: m.personId, name: m.name, relation: m.relation, gender: m.gender, birthDate: m.birthDate, phoneMasked: m.phone ? maskPhone(m.phone) : '', conditions: m.conditions })),
    card: { cardNo: u.row.服务卡号, issuedOn: ctx.today, issuer: ctx.importer.cardIssuer ?? ctx.importer.organisation, version: 1, status: 'active' },
    helpline: { name: ctx.importer.organisation, phone: ctx.importer.workPhone },
    gsi1pk: keys.townshipPk(u.townshipId),
    gsi1sk: keys.townshipFamilySk(u.row.村编号, familyId),
    gsi2pk: keys.countyPk(ctx.countyId),
    gsi2sk: keys.countyFamilySk(u.townshipId, u.row.村编号, familyId),
    importDigest: u.digest,
  };
  // With the card's number and each member's name + ID digits, the hospital window finds the family.
  const items: object[] = [profile, ledgerSummaryItem(profile), cardNumberItem(profile.card.cardNo, familyId)];
  // The change list's 新增家庭 row (and its members' rows, read from the profile when listed).
  items.push(changeEventItem({ familyId, townshipId: u.townshipId, kind: 'family_created', byName: ctx.importer.name || IMPORT_BY, field: CARD_NO_FIELD, after: profile.card.cardNo, note: IMPORT_BY }, new Date()));
  for (const m of members) {
    items.push(await personItem(m, m.personId, { role: 'member', familyId, relation: m.relation }));
    items.push(idGuardItem(ids.get(m.idNumber)!, m.personId, { familyId }));
    items.push(await nameIdItem(m.name, m.idNumber, m.personId, familyId));
  }
  // A new family has its card issued but not yet in its hands, and no contacts yet: the card's
  // hand-over and the contacts' assignment count them (the 持卡 figure counts cards handed over).
  return { townshipId: u.townshipId, items, figures: { families: 1, members: members.length } };
}

async function prepareStaff(u: StaffUnit, ctx: ImportContext): Promise<PreparedUnit> {
  const { items } = await newStaffItems({
    post: u.row.岗位,
    name: u.person.name,
    idNumber: u.person.idNumber,
    phone: u.person.phone!,
    countyId: ctx.countyId,
    townshipId: u.townshipId,
    organisation: u.row.单位,
    title: u.row.职务,
    workPhone: u.row.公示电话,
    orgId: u.row.单位编号,
    teamRoles: u.row.团队角色?.length ? u.row.团队角色 : undefined,
    digest: u.digest,
  });
  // With the township's directory entry (staff.ts), the hand-over page offers an imported contact at once.
  return { townshipId: u.townshipId ?? '-', items, figures: {} };
}

/**
 * Checks the valid units against the region and the table: townships outside the importer's
 * region, ID numbers registered to someone else, families that exist with other content. Units
 * already in the table exactly as in the file are counted as unchanged and not written again.
 */
export async function checkAgainstTable(units: ImportUnit[], ctx: ImportContext): Promise<{ fresh: FreshUnit[]; unchanged: number; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  for (const u of units) {
    if (u.townshipId === undefined) {
      if (!ctx.countyWide) problems.push({ row: u.line, column: '岗位', reason: '乡镇只能导入本乡镇的联系人和帮扶人员，这个岗位请由县卫健委导入' });
    } else if (!ctx.townships.has(u.townshipId)) problems.push({ row: u.line, column: '乡镇编号', reason: `乡镇编号 ${u.townshipId} 不在您的管辖范围内` });
  }
  const persons = units.flatMap((u) => (u.kind === 'family' ? u.members : [u.person]));
  const ids = new Map(await Promise.all(persons.map(async (p) => [p.idNumber, await idIndex(p.idNumber)] as const)));
  const families = units.filter((u): u is FamilyUnit => u.kind === 'family');
  const [guards, profiles] = await Promise.all([
    getMany<IdGuardItem>([...ids.values()].map((i) => keys.idNumberGuard(i))),
    getMany<FamilyProfileItem & { importDigest?: string }>(families.map((f) => keys.familyProfile(familyIdOf(f.familyNumber)))),
  ]);
  const guardOf = new Map(guards.map((g) => [g.pk, g]));
  const profileOf = new Map(profiles.map((p) => [p.familyId, p]));
  const taken = (p: ImportPerson) => guardOf.get(keys.idNumberGuard(ids.get(p.idNumber)!).pk);

  const fresh: FreshUnit[] = [];
  let unchanged = 0;
  for (const u of units) {
    if (u.kind === 'staff') {
      const g = taken(u.person);
      if (g && g.digest === u.digest) unchanged += 1;
      else if (g) problems.push({ row: u.line, column: '身份证号', reason: '这个身份证号已经登记过（与文件中的这一行不同），导入只新增，不修改已有人员' });
      else if (!problems.some((p) => p.row === u.line)) fresh.push({ townshipId: u.townshipId ?? '-', size: 4, prepare: () => prepareStaff(u, ctx) });
      continue;
    }
    const existing = profileOf.get(familyIdOf(u.familyNumber));
    if (existing) {
      if (existing.importDigest === u.digest) unchanged += 1;
      else problems.push({ row: u.line, column: '家庭编号', reason: `家庭编号 ${u.familyNumber} 已经存在，且与文件内容不同：导入只新增，不修改已有家庭` });
      continue;
    }
    const clash = u.members.filter((m) => taken(m));
    for (const m of clash) problems.push({ row: m.line, column: '身份证号', reason: '这个身份证号已经登记在其他家庭或人员名下' });
    if (!clash.length && !problems.some((p) => p.row === u.line)) fresh.push({ townshipId: u.townshipId, size: 4 + 3 * u.members.length, prepare: () => prepareFamily(u, ids, ctx) });
  }
  problems.sort((a, b) => a.row - b.row);
  return { fresh, unchanged, problems };
}

/** DynamoDB's limit of items per TransactWriteItems. */
const MAX_TRANSACT_ITEMS = 100;

/** Thrown when a write's condition fails: someone wrote the same ids meanwhile. */
export class ImportRaceError extends Error {}

/**
 * Writes the prepared units in transactions of at most 100 items until `deadline` (epoch ms) has
 * passed; returns how many units were written. A unit (a family with its members and guards, or
 * one staff member) never spans two transactions, and each transaction carries the township
 * figures of exactly the units it writes, so the dashboard counters match the records after every
 * step. Every Put is conditioned on the item not existing: a later run with the same file finds
 * the written units unchanged and writes only the rest. Townships are written in parallel, each
 * township's transactions one after another: they share the township's counter item, and DynamoDB
 * refuses concurrent transactions on one item (TransactionConflict; transact() retries those when
 * another writer, a hand-over, holds it).
 */
export async function applyUnits(units: FreshUnit[], countyId: string, deadline: number, onWritten: (units: number) => void = () => undefined): Promise<number> {
  const byTownship = new Map<string, FreshUnit[][]>();
  for (const u of units) {
    const chunks = byTownship.get(u.townshipId) ?? [[]];
    const last = chunks[chunks.length - 1]!;
    // +1: the township's counter update rides in every transaction.
    if (last.length && last.reduce((n, x) => n + x.size, 0) + u.size + 1 > MAX_TRANSACT_ITEMS) chunks.push([u]);
    else last.push(u);
    byTownship.set(u.townshipId, chunks);
  }
  let written = 0;
  await Promise.all(
    [...byTownship].map(async ([townshipId, chunks]) => {
      for (const fresh of chunks) {
        if (Date.now() > deadline) return;
        const c = await Promise.all(fresh.map((u) => u.prepare()));
        const delta: Partial<FamilyFigures> = {};
        for (const u of c) for (const [k, n] of Object.entries(u.figures) as Array<[keyof FamilyFigures, number]>) delta[k] = (delta[k] ?? 0) + n;
        const writes: Part[] = c.flatMap((u) => u.items.map((Item) => part('unit', { Put: { TableName: tableName(), Item: Item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(pk)' } })));
        if (Object.keys(delta).length) writes.push(part('counter', townshipStatsAdd({ countyId, townshipId }, delta)));
        await transact(writes, { refusals: { unit: () => new ImportRaceError('an item of the import was written meanwhile') } });
        written += c.length;
        onWritten(written);
      }
    }),
  );
  return written;
}
