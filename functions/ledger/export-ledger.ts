import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate, beijingMonth, contactKindLabels, formatChineseDate, contactTypeLabels, countsAsGreeting, ExportQuery, percent, SERVICE_CARD, summariseGreenChannel, weekStart, type ContactEntry, type ExportResponse } from '../../domain';
import { listTransferredSince } from '../lib/db/families';
import { greenChannelMonth } from '../lib/db/green-channel';
import type { FamilyProfileItem } from '../lib/db/items';
import { greenChannelSheet } from './green-channel-sheet';
import { batchGetAll } from '../lib/db/batch';
import { db, tableName } from '../lib/db/client';
import { countyOfTownship, countyTownshipStats, coverageOf } from '../lib/db/dashboard';
import { keys } from '../lib/db/keys';
import { countedByMessaging, type LedgerSummaryItem } from '../lib/db/ledger';
import { listTownshipHandovers } from '../lib/db/handover';
import { regionProfiles } from '../lib/db/report/read';
import { buildCsv, buildXlsx, excelDate, excelDateTime, type Cell } from '../lib/export/xlsx';
import { badRequest, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { contactEntry } from './views';

/** The month's contacts of a township: hand entries and messaging's online days (one per staff, family and day). */
async function contactsOfMonth(townshipId: string, month: string): Promise<ContactEntry[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.contactLogMonthPk(townshipId, month) },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as Record<string, unknown>[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.filter(countedByMessaging).map(contactEntry);
}

/**
 * What the per-family row must not leave unsaid: a family that has moved out of the county (listed
 * for the months it was still here) and the members who had died by the month's end.
 */
function familyRemark(p: FamilyProfileItem, month: string, today: string): string | undefined {
  const notes = [
    ...(p.status === 'transferred_out' && p.transferredOut ? [`已迁出（${formatChineseDate(p.transferredOut.on, today)}迁往${p.transferredOut.destination}）`] : []),
    ...p.members.filter((m) => m.deceasedOn && m.deceasedOn.slice(0, 7) <= month).map((m) => `${m.name}亡故（${formatChineseDate(m.deceasedOn!, today)}）`),
  ];
  return notes.length ? notes.join('；') : undefined;
}

/**
 * The month's ledger in the shape a township reports upward (.xlsx with five sheets, or the
 * contact rows as CSV): every contact, totals for every family (those not contacted with zeros)
 * and per contact person, the month's hand-overs, the coverage figures, and the green channel's
 * figures per institution and township; dates as Excel dates. One Query per township for the
 * contacts and one for the hand-overs (GSI2 by township and month), one paged Query of the
 * region's families and one of those moved out of the county since the month began (listed with
 * 已迁出; a member who had died, with 亡故), one for the green-channel counters.
 */
export const handler = routeHandler('ledger.exportLedger', { query: ExportQuery }, async ({ query, principal, now }) => {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const month = query.month ?? beijingMonth(now);
  if (month > beijingMonth(now)) throw badRequest('不能导出未来月份的台账', { 'query.month': '月份不能晚于本月' });
  let countyId: string;
  let townships;
  if (principal.level === 'county') {
    countyId = principal.regionId;
    const all = await countyTownshipStats(countyId);
    townships = query.townshipId ? all.filter((t) => t.townshipId === query.townshipId) : all;
    if (query.townshipId && townships.length === 0) throw forbidden('这个乡镇不在您的管辖范围内');
  } else {
    if (query.townshipId && query.townshipId !== principal.regionId) throw forbidden('这个乡镇不在您的管辖范围内');
    countyId = (await countyOfTownship(principal.regionId)) ?? '';
    townships = [{ townshipId: principal.regionId }];
  }
  const narrowTo = principal.level === 'county' ? query.townshipId : principal.regionId;
  const [coverage, greenChannel] = countyId
    ? await Promise.all([coverageOf(countyId, townships, weekStart(`${month}-01`), month), greenChannelMonth(countyId, month, narrowTo)])
    : [[], []];
  const contacts = (await Promise.all(coverage.map((t) => contactsOfMonth(t.townshipId, month)))).flat();
  contacts.sort((a, b) => a.date.localeCompare(b.date) || a.familyId.localeCompare(b.familyId));
  const summaries = new Map(
    (await batchGetAll<LedgerSummaryItem>([...new Set(contacts.map((c) => c.familyId))].map((id) => keys.ledgerSummary(id)))).map((s) => [s.familyId, s]),
  );
  const townshipName = new Map(coverage.map((t) => [t.townshipId, t.townshipName]));

  const contactRows: Cell[][] = [
    ['日期', '乡镇', '村（社区）', '家庭', '联系人', '方式', '身体情况', '心理状况', '诉求', '需跟进'],
    ...contacts.map((c) => {
      const s = summaries.get(c.familyId);
      return [excelDate(c.date), townshipName.get(s?.townshipId ?? '') ?? '', s?.villageName ?? '', s?.familyName ?? c.familyId, c.staffName, contactTypeLabels[c.type], c.health, c.mood, c.needs, c.followUp ? '是' : '否'];
    }),
  ];
  const filename = `连心台账-${month}`;
  if (query.format === 'csv') {
    const body: ExportResponse = { filename: `${filename}.csv`, mimeType: 'text/csv', base64: buildCsv(contactRows).toString('base64'), contacts: contacts.length };
    return { body };
  }

  // Every family of the region, the ones not contacted this month included (with zeros), and the
  // month's hand-overs: one Query of the county's families, one of each township's hand-overs.
  const chosen = new Set(coverage.map((t) => t.townshipId));
  // Families that moved out of the county during or after the month were still here in it.
  const [profiles, handovers, movedOut] = countyId
    ? await Promise.all([
        regionProfiles({ countyId, townshipId: query.townshipId ?? (principal.level === 'county' ? undefined : principal.regionId) }),
        Promise.all(coverage.map((t) => listTownshipHandovers(t.townshipId, month))).then((l) => l.flat()),
        listTransferredSince(countyId, `${month}-01`),
      ])
    : [[], [], []];
  const families = [...profiles, ...movedOut].filter((p) => chosen.has(p.townshipId));
  const today = beijingDate(now);
  const familyName = new Map(families.map((p) => [p.familyId, p]));
  const perFamily = new Map<string, { contacts: number; visits: number; greetings: number; last: string }>();
  const perStaff = new Map<string, { name: string; contacts: number; visits: number; families: Set<string> }>();
  for (const c of contacts) {
    const f = perFamily.get(c.familyId) ?? { contacts: 0, visits: 0, greetings: 0, last: '' };
    f.contacts += 1;
    f.visits += c.type === 'home_visit' ? 1 : 0;
    f.greetings += countsAsGreeting(c.type, c.date) ? 1 : 0;
    f.last = c.date > f.last ? c.date : f.last;
    perFamily.set(c.familyId, f);
    const s = perStaff.get(c.staffId) ?? { name: c.staffName, contacts: 0, visits: 0, families: new Set<string>() };
    s.contacts += 1;
    s.visits += c.type === 'home_visit' ? 1 : 0;
    s.families.add(c.familyId);
    perStaff.set(c.staffId, s);
  }
  const xlsx = await buildXlsx([
    {
      name: '覆盖情况',
      rows: [
        ['乡镇', '家庭户数', '联系人齐全户数', '联系人齐全率%', '成员数', '签约家庭医生人数', `持${SERVICE_CARD}户数`, '本月走访户数', '本月联系次数', '本月走访次数', '本月慰问次数', '有签约意愿人数', '有意愿者签约率%'],
        ...coverage.map((t) => [
          t.townshipName, t.families, t.familiesWithAllContacts, percent(t.familiesWithAllContacts, t.families), t.members, t.signedMembers, t.cardHolders,
          t.visitedThisMonth, t.contactsThisMonth, t.visitsThisMonth, t.greetingsThisMonth, t.wantingMembers, percent(t.signedMembers, t.wantingMembers),
        ]),
      ],
    },
    { name: '联系记录', rows: contactRows },
    {
      name: '按家庭汇总',
      rows: [
        ['家庭', '村（社区）', '联系次数', '走访次数', '慰问次数', '最近联系', '备注'],
        ...families.map((p) => {
          const f = perFamily.get(p.familyId);
          return [p.familyName, p.villageName, f?.contacts ?? 0, f?.visits ?? 0, f?.greetings ?? 0, f ? excelDate(f.last) : undefined, familyRemark(p, month, today)];
        }),
      ],
    },
    {
      name: '按联系人汇总',
      rows: [['联系人', '联系次数', '走访次数', '联系户数'], ...[...perStaff.values()].map((s) => [s.name, s.contacts, s.visits, s.families.size])],
    },
    {
      name: '交接记录',
      rows: [
        ['交接时间', '乡镇', '村（社区）', '家庭', '岗位', '原联系人', '新联系人', '原因'],
        ...handovers
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((h) => {
            const p = familyName.get(h.familyId);
            return [excelDateTime(h.at), p?.townshipName ?? '', p?.villageName ?? '', p?.familyName ?? h.familyId, contactKindLabels[h.kind], h.from?.name ?? '（原无）', h.to.name, h.reason];
          }),
      ],
    },
    greenChannelSheet(summariseGreenChannel(month, greenChannel)),
  ]);
  const body: ExportResponse = {
    filename: `${filename}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: xlsx.toString('base64'),
    contacts: contacts.length,
  };
  return { body };
});
