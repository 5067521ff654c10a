import { addDays, beijingDate, beijingIso, monthOf, weekStart, type ContactType } from '../../domain';
import { addFigures, emptyFigures, familyFigures, townshipStatsItem, type FamilyFigures } from '../../functions/lib/db/coverage';
import type { FamilyContactItem, FamilyProfileItem, SigningItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import type { SigningStateItem } from '../../functions/lib/db/signing';
import { applyContact, contactEffects, ledgerSummaryItem, type ContactLogItem, type LedgerSummaryItem } from '../../functions/lib/db/ledger';

/**
 * A contact history for the demo county, relative to the day it is seeded, so the due list, the
 * dashboard and the export have something real to show: some families well looked after, some
 * overdue, one never contacted. [family, staff, type, days ago, notes].
 */
type Plan = [string, string, ContactType, number, string?];
export const ledgerPlan: Plan[] = [
  ['f_0001', 'p_cadre01', 'home_visit', 10, '血压控制平稳，情绪不错'],
  ['f_0001', 'p_cadre01', 'phone', 2, '老两口身体都好'],
  ['f_0001', 'p_lead01', 'home_visit', 25, '了解生活情况，无特殊诉求'],
  ['f_0002', 'p_cadre01', 'home_visit', 40, '赵大爷血压偏高，已提醒按时服药'],
  ['f_0002', 'p_cadre01', 'phone', 9, '近期精神一般，需要多陪伴'],
  ['f_0003', 'p_cadre01', 'home_visit', 20, '血糖稳定'],
  ['f_0003', 'p_cadre01', 'phone', 3],
  ['f_0004', 'p_cadre02', 'home_visit', 5, '周大娘行动不便，想申请上门康复'],
  ['f_0004', 'p_vol01', 'phone', 1, '志愿者电话问候'],
  ['f_0005', 'p_cadre02', 'phone', 15, '吴大爷说一切都好'],
  ['f_0006', 'p_lead01', 'phone', 20, '村联系人暂缺，镇里先联系'],
  ['f_0007', 'p_cadre03', 'home_visit', 1, '陈奶奶独居，已安排邻里关照'],
  ['f_0007', 'p_lead02', 'phone', 12],
  ['f_0008', 'p_cadre03', 'festival', 8, '节日慰问，送去米面油'],
  ['f_0008', 'p_cadre03', 'home_visit', 35],
  ['f_0010', 'p_cadre04', 'home_visit', 12, '韩大爷咳嗽加重，建议就医'],
  ['f_0010', 'p_cadre04', 'phone', 6],
  ['f_0011', 'p_cadre04', 'phone', 16],
  ['f_0012', 'p_cadre04', 'home_visit', 3, '家中一切正常'],
  ['f_0012', 'p_cadre04', 'birthday', 4, '生日慰问，送了蛋糕'],
];

/**
 * A township-level commission officer for 柳林乡, so the township view of the dashboard can be
 * tried (`?persona=demo-openid-p_comm02` on H5) and tested without sharing the county officer.
 * Added by the ledger seed; no one's existing data changes. Never bound to a real phone.
 */
export const LEDGER_TOWNSHIP_OFFICER = 'p_comm02';
function townshipOfficer(boundAt: string): Record<string, unknown>[] {
  const personId = LEDGER_TOWNSHIP_OFFICER;
  const openid = `demo-openid-${personId}`;
  return [
    {
      ...keys.person(personId),
      entity: 'person',
      personId,
      name: '孟凡荣',
      role: 'commission',
      gender: 'female',
      birthDate: '1982-04-09',
      commissionLevel: 'township',
      regionId: 't_liulin',
      orgId: 'org_liulin',
      organisation: '柳林乡人民政府',
      title: '计生专干',
      workPhone: '0311-86909123',
      // No personal phone or ID on record: nothing to encrypt, nothing to bind by.
      idNumberEnc: '',
      phoneEnc: '',
      phoneMasked: '',
      gsi1pk: `PHONE#none-${personId}`,
      gsi1sk: `PERSON#${personId}`,
      openid,
      boundAt,
    },
    { ...keys.binding(openid), entity: 'binding', openid, personId, boundAt },
  ];
}

/** Seeded contacts have ids tests can name: family, staff and how many days before the seed. */
export const seedContactId = (familyId: string, staffId: string, daysAgo: number) => `ct_seed${familyId.slice(2)}${staffId.slice(2)}d${daysAgo}`;

interface SeedInput {
  entity?: string;
}

/**
 * Ledger items derived from given records (summaries, contacts and the counters), written straight
 * into the table by the ledger test worlds and the benchmark. The demo county itself records its
 * contacts through the product (contact-log.ts).
 */
export function buildLedgerSeed(seedItems: readonly SeedInput[], now: Date, plan: Plan[] = ledgerPlan): Record<string, unknown>[] {
  const today = beijingDate(now);
  const profiles = seedItems.filter((i): i is FamilyProfileItem => i.entity === 'family');
  const contacts = seedItems.filter((i): i is FamilyContactItem => i.entity === 'familyContact');
  const signings = seedItems.filter((i): i is SigningItem => i.entity === 'signing');
  const states = seedItems.filter((i): i is SigningStateItem => i.entity === 'signingState');
  const staffNames = new Map(seedItems.filter((i) => i.entity === 'person').map((p) => [(p as { personId: string }).personId, (p as { name: string }).name]));

  const out: Record<string, unknown>[] = [];
  const summaries = new Map<string, LedgerSummaryItem>(profiles.map((p) => [p.familyId, ledgerSummaryItem(p)]));
  const periods = new Map<string, Record<string, unknown> & { counts: Record<string, number> }>();
  const bump = (key: { pk: string; sk: string }, base: Record<string, string>, counts: Record<string, number>) => {
    const id = `${key.pk}|${key.sk}`;
    const entry = periods.get(id) ?? { ...key, ...base, counts: {} };
    for (const [k, n] of Object.entries(counts)) entry.counts[k] = (entry.counts[k] ?? 0) + n;
    periods.set(id, entry);
  };

  // Oldest first, as they would have been entered.
  const ordered = [...plan].sort((a, b) => b[3] - a[3]);
  ordered.forEach(([familyId, staffId, type, daysAgo, notes]) => {
    const summary = summaries.get(familyId);
    if (!summary) return;
    const date = addDays(today, -daysAgo);
    const contactId = seedContactId(familyId, staffId, daysAgo);
    const item: ContactLogItem = {
      ...keys.contactLog(familyId, contactId),
      entity: 'contactLog',
      contactId,
      familyId,
      staffId,
      staffName: staffNames.get(staffId) ?? '',
      type,
      date,
      health: notes,
      followUp: false,
      photoKeys: [],
      recordedAt: beijingIso(date, '16:00'),
      version: 1,
      edits: 0,
      gsi1pk: keys.staffPk(staffId),
      gsi1sk: keys.contactLogStaffSk(date, familyId, contactId),
      gsi2pk: keys.contactLogMonthPk(summary.townshipId, monthOf(date)),
      gsi2sk: keys.contactLogMonthSk(date, familyId, contactId),
    };
    out.push(item as unknown as Record<string, unknown>);
    const e = contactEffects(summary, type, date);
    const region = { countyId: summary.countyId, townshipId: summary.townshipId };
    bump(keys.statsWeek(summary.countyId, weekStart(date), summary.townshipId), { ...region, period: e.week }, { contacts: 1, familiesContacted: e.newWeek ? 1 : 0 });
    bump(keys.statsMonth(summary.countyId, e.month, summary.townshipId), { ...region, period: e.month }, {
      contacts: 1,
      visits: e.visit ? 1 : 0,
      greetings: e.greeting ? 1 : 0,
      familiesContacted: e.newMonth ? 1 : 0,
      familiesVisited: e.newVisitMonth ? 1 : 0,
    });
    summaries.set(familyId, applyContact(summary, type, date));
  });
  out.push(...([...summaries.values()] as unknown as Record<string, unknown>[]));
  for (const { counts, ...rest } of periods.values()) out.push({ ...rest, entity: 'periodStats', ...counts });

  const townships = new Map<string, { region: { countyId: string; townshipId: string; townshipName: string }; figures: FamilyFigures }>();
  for (const p of profiles) {
    const t = townships.get(p.townshipId) ?? { region: { countyId: p.countyId, townshipId: p.townshipId, townshipName: p.townshipName }, figures: emptyFigures() };
    const f = familyFigures(p, contacts.filter((c) => c.familyId === p.familyId), signings.filter((s) => s.familyId === p.familyId), states.filter((s) => s.familyId === p.familyId));
    t.figures = addFigures(t.figures, f);
    townships.set(p.townshipId, t);
  }
  for (const t of townships.values()) out.push(townshipStatsItem(t.region, t.figures) as unknown as Record<string, unknown>);
  // The signing seed may already have put 柳林乡's township officer in (same id, same role and region).
  const officerSeeded = seedItems.some((i) => i.entity === 'person' && (i as { personId?: string }).personId === LEDGER_TOWNSHIP_OFFICER);
  if (plan === ledgerPlan && !officerSeeded) out.push(...townshipOfficer(beijingIso(today, '08:00')));
  return out;
}
