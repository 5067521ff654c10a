import { contactKindLabels, fenToYuan, mobilityLabels, noGreenChannelCounts, percent, reportTexts, SERVICE_CARD, type FollowUpFigures, type ReportFigures, type ReportResponse } from '../../domain';

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
  // The green channel by the patient's township (the dashboard's counters), beside the township's other care figures.
  const gc = (name: string) => (name === '合计' ? r.greenChannel.total : r.greenChannel.townships.find((t) => t.name === name)?.figures ?? noGreenChannelCounts());
  return {
    title: reportTexts.careTable,
    header: [
      '乡镇', '成员人数', '签约人数', '签约率', '有签约意愿人数', '意愿签约率', '建档立卡成员', '建档立卡签约', '建档立卡签约率', `持${SERVICE_CARD}户数`, '持卡率',
      '本期受理诉求', '本期解决', '期末办理中', '期末逾期', '本季答卷户数', '知晓率', '满意度',
      '绿色通道预约就诊', '窗口直接就诊', '住院', '急诊无亲属入院', '优先安排床位', '减免人次', '减免金额（元）',
    ],
    rows: regionRows(r, (name, f) => {
      const g = gc(name);
      return [
        name, f.members, f.signedMembers, rate(f.signedMembers, f.members), f.wantingMembers, rate(f.signedMembers, f.wantingMembers),
        f.poorMembers, f.poorSignedMembers, rate(f.poorSignedMembers, f.poorMembers), f.cardHolders, rate(f.cardHolders, f.families),
        f.requestsRaised, f.requestsResolved, f.requestsOpen, f.requestsOverdue, f.surveyAnswered, rate(f.surveyAware, f.surveyAnswered), rate(f.surveySatisfied, f.surveyAnswered),
        g.visitsBooked, g.visitsWalkIn, g.admissions, g.emergencyAdmissions, g.priorityBeds, g.reductionVisits, fenToYuan(g.reductionFen),
      ];
    }),
  };
}

/** The signed doctors' follow-ups per township: due, done by the doctor's team, missed. */
export function followUpTable(r: ReportResponse): ReportTable {
  const row = (name: string, f: FollowUpFigures) => [
    name, f.planned, f.visitsDue, f.visitsDone, f.visitsMissed, rate(f.visitsDone, f.visitsDue), f.weeklyMembers, f.callsDue, f.callsDone, f.callsMissed, rate(f.callsDone, f.callsDue),
  ];
  const t = r.followUps.townships;
  return {
    title: reportTexts.followUpTable,
    header: ['乡镇', '有随访计划的签约成员', '应月度随访人次', '医生已随访', '未随访', '随访率', '失能半失能老人', '应每周随访人次', '已随访', '未随访', '每周随访率'],
    rows: [...t.map((x) => row(x.townshipName, x)), ...(t.length > 1 ? [row('合计', r.followUps.total)] : [])],
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
      ...r.followUps.gaps.map((m) => [
        '医生随访未落实', place(m), `${m.familyName} ${m.memberName}`,
        [`${mobilityLabels[m.mobility]}，签约医生：${m.doctorName}`, m.visitsMissed ? `缺月度随访 ${m.visitsMissed} 次` : '', m.callsMissed ? `缺每周随访 ${m.callsMissed} 次` : ''].filter(Boolean).join('，'),
      ]),
    ],
  };
}

export const reportTables = (r: ReportResponse): ReportTable[] => [populationTable(r), contactTable(r), careTable(r), followUpTable(r), gapsTable(r)].map((t) => (r.counties ? countyColumns(t) : t));

/** A city's tables name counties where a county's name townships. */
const countyColumns = (t: ReportTable): ReportTable => ({ ...t, header: t.header.map((h) => (h === '乡镇' ? '县（市、区）' : h === '乡镇村' ? '县乡镇村' : h)) });
