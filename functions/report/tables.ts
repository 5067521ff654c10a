import { contactKindLabels, percent, reportTexts, SERVICE_CARD, type ReportFigures, type ReportResponse } from '../../domain';

/**
 * The report's tables in the shape of the seed's 特殊家庭基本情况统计表, 联系人制度落实情况表 and
 * 扶助关怀情况统计表, plus the names behind the gaps: one definition for the Word document and the
 * workbook, so both carry the same numbers.
 */
export type TableCell = string | number;
export interface ReportTable {
  title: string;
  header: string[];
  rows: TableCell[][];
}

const rate = (part: number, whole: number) => `${percent(part, whole)}%`;

export function populationTable(r: ReportResponse): ReportTable {
  return {
    title: reportTexts.population,
    header: ['类别', '合计户数', '合计人数', '失独户数', '失独人数', '伤残户数', '伤残人数'],
    rows: r.population.map((p) => [p.label, p.total.families, p.total.people, p.bereaved.families, p.bereaved.people, p.disabled.families, p.disabled.people]),
  };
}

/** Townships side by side, or in a city's report its counties. */
const regionRows = (r: ReportResponse, row: (name: string, f: ReportFigures) => TableCell[]) => {
  const regions: Array<[string, ReportFigures]> = r.counties ? r.counties.map((c) => [c.countyName, c]) : r.townships.map((t) => [t.townshipName, t]);
  return [...regions.map(([name, f]) => row(name, f)), ...(regions.length > 1 ? [row('合计', r.total)] : [])];
};

export function contactTable(r: ReportResponse): ReportTable {
  return {
    title: reportTexts.contactTable,
    header: ['乡镇', '家庭户数', '双岗联系人落实户数', '落实率', '联系次数', '登门走访', '电话联络', '网络沟通', '节日慰问', '生日慰问', '慰问合计', '联系到户数', '未联系户数', '走访到户数'],
    rows: regionRows(r, (name, f) => [
      name, f.families, f.familiesWithAllContacts, rate(f.familiesWithAllContacts, f.families), f.contacts, f.visits, f.calls, f.online,
      f.festivalGreetings, f.birthdayGreetings, f.greetings, f.familiesReached, f.families - f.familiesReached, f.familiesVisited,
    ]),
  };
}

export function careTable(r: ReportResponse): ReportTable {
  return {
    title: reportTexts.careTable,
    header: ['乡镇', '成员人数', '签约人数', '签约率', '有签约意愿人数', '意愿签约率', '建档立卡成员', '建档立卡签约', '建档立卡签约率', `持${SERVICE_CARD}户数`, '持卡率', '累计诉求', '已解决', '办理中', '逾期', '本季答卷户数', '知晓率', '满意度'],
    rows: regionRows(r, (name, f) => [
      name, f.members, f.signedMembers, rate(f.signedMembers, f.members), f.wantingMembers, rate(f.signedMembers, f.wantingMembers),
      f.poorMembers, f.poorSignedMembers, rate(f.poorSignedMembers, f.poorMembers), f.cardHolders, rate(f.cardHolders, f.families),
      f.requestsRaised, f.requestsResolved, f.requestsOpen, f.requestsOverdue, f.surveyAnswered, rate(f.surveyAware, f.surveyAnswered), rate(f.surveySatisfied, f.surveyAnswered),
    ]),
  };
}

/** Every name behind a figure below its target, one row each. */
export function gapsTable(r: ReportResponse): ReportTable {
  const g = r.gaps;
  const place = (f: { townshipName: string; villageName: string; countyName?: string }) => `${f.countyName ?? ''}${f.townshipName}${f.villageName}`;
  return {
    title: reportTexts.gapsTable,
    header: ['问题', '乡镇村', '家庭或人员', '说明'],
    rows: [
      ...g.missingContacts.map((f) => ['联系人未落实', place(f), f.familyName, `缺${f.missing.map((k) => contactKindLabels[k]).join('、')}`]),
      ...g.notReached.map((f) => ['本期未联系', place(f), f.familyName, f.contactNames.length ? `联系人：${f.contactNames.join('、')}` : '无联系人']),
      ...g.staff.map((s) => ['联系人未履职', s.countyName ?? '', s.name, `${s.notReached} 户未联系（共 ${s.families} 户）`]),
      ...g.poorUnsigned.map((m) => ['建档立卡成员未签约', place(m), `${m.familyName} ${m.memberName}`, '']),
      ...g.wantingUnsigned.map((m) => ['有意愿未签约', place(m), `${m.familyName} ${m.memberName}`, '']),
      ...g.withoutCard.map((f) => [`未持${SERVICE_CARD}`, place(f), f.familyName, '']),
      ...g.overdueRequests.map((q) => ['诉求逾期', place(q), q.familyName, `${q.title}（应于 ${q.dueDate} 前办结${q.assigneeName ? `，经办：${q.assigneeName}` : ''}）`]),
    ],
  };
}

export const reportTables = (r: ReportResponse): ReportTable[] => [populationTable(r), contactTable(r), careTable(r), gapsTable(r)].map((t) => (r.counties ? countyColumns(t) : t));

/** A city's tables name counties where a county's name townships. */
const countyColumns = (t: ReportTable): ReportTable => ({ ...t, header: t.header.map((h) => (h === '乡镇' ? '县（市、区）' : h === '乡镇村' ? '县乡镇村' : h)) });
