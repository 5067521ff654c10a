import { contactKindLabels, fenToYuan, mobilityLabels, percent, quarterLabel, REPORT_TARGETS, reportPeriodLabel, reportTexts, SERVICE_CARD, walkInPriorities, priorityCounter, type Headcount, type ReportResponse } from '../../domain';
import { doubleSigningParagraphs } from './double-signing-text';

/**
 * The report's text in the seeds' own wording ("目前，我县共有计划生育特殊家庭404户560人（失独339户469人、
 * 伤残65户91人），其中49岁以上……"), each figure with its rate and, below target, how many and who.
 */
export interface Narrative {
  title: string;
  subtitle: string;
  sections: Array<{ heading: string; paragraphs: string[] }>;
}

const hc = (h: Headcount) => `${h.families}户${h.people}人`;
const pct = (part: number, whole: number) => `${percent(part, whole)}%`;
const MAX_NAMES = 30;
const names = (list: string[]) => (list.length > MAX_NAMES ? `${list.slice(0, MAX_NAMES).join('、')}等${list.length}个` : list.join('、'));

export function reportNarrative(r: ReportResponse): Narrative {
  const t = r.total;
  const where = r.level === 'city' ? '我市' : r.level === 'county' ? '我县' : '我乡镇';
  const [all, ...bands] = r.population;
  const population = [
    `截至${r.asOf.slice(0, 4)}年${Number(r.asOf.slice(5, 7))}月${Number(r.asOf.slice(8))}日，${where}共有计划生育特殊家庭${hc(all.total)}（失独${hc(all.bereaved)}、伤残${hc(all.disabled)}），`,
    bands.map((b) => `其中${b.label}${hc(b.total)}（失独${hc(b.bereaved)}、伤残${hc(b.disabled)}）`).join('；'),
    '。',
  ].join('');
  const notReached = t.families - t.familiesReached;
  const contact = [
    `落实乡镇领导干部和村（社区）干部“双岗”联系人的家庭${t.familiesWithAllContacts}户，占${pct(t.familiesWithAllContacts, t.families)}。`,
    `本期（${reportPeriodLabel(r.from, r.to)}）联系${t.contacts}次，其中登门走访${t.visits}次、电话联络${t.calls}次、网络沟通${t.online}次，节日和生日慰问${t.greetings}次（节日${t.festivalGreetings}次、生日${t.birthdayGreetings}次，节日登门走访同时计入走访和慰问）；联系到${t.familiesReached}户，登门走访到${t.familiesVisited}户，未联系${notReached}户。`,
  ];
  const signing = [
    `特殊家庭成员${t.members}人，已签约家庭医生${t.signedMembers}人，签约率${pct(t.signedMembers, t.members)}；有签约意愿${t.wantingMembers}人，应签尽签率${pct(t.signedMembers, t.wantingMembers)}。`,
    `建档立卡贫困家庭成员${t.poorMembers}人，已签约${t.poorSignedMembers}人，签约率${pct(t.poorSignedMembers, t.poorMembers)}（目标不低于${REPORT_TARGETS.signingPoor * 100}%，${t.poorMembers === 0 || t.poorSignedMembers / t.poorMembers >= REPORT_TARGETS.signingPoor ? '已达标' : '未达标'}）。`,
    ...followUpSentences(r),
  ];
  const care = [
    `持有${SERVICE_CARD}的家庭${t.cardHolders}户，持卡率${pct(t.cardHolders, t.families)}。`,
    greenChannelSentence(r),
    `本期受理诉求${t.requestsRaised}件，解决${t.requestsResolved}件；截至期末办理中${t.requestsOpen}件，其中逾期${t.requestsOverdue}件。`,
    `${quarterLabel(r.quarter)}共${t.surveyAnswered}户作答，知晓率${pct(t.surveyAware, t.surveyAnswered)}，满意度${pct(t.surveySatisfied, t.surveyAnswered)}。`,
  ];
  const g = r.gaps;
  const problems = [
    g.missingContacts.length ? `联系人未落实${g.missingContacts.length}户：${names(g.missingContacts.map((f) => `${f.familyName}（缺${f.missing.map((k) => contactKindLabels[k]).join('、')}）`))}。` : '',
    g.notReached.length ? `本期未联系${g.notReached.length}户：${names(g.notReached.map((f) => f.familyName))}。` : '',
    g.staff.length ? `有未联系家庭的联系人${g.staff.length}名：${names(g.staff.map((s) => `${s.name}（${s.notReached}户）`))}。` : '',
    g.poorUnsigned.length ? `建档立卡成员未签约${g.poorUnsigned.length}人：${names(g.poorUnsigned.map((m) => m.memberName))}。` : '',
    g.wantingUnsigned.length ? `有签约意愿尚未签约${g.wantingUnsigned.length}人：${names(g.wantingUnsigned.map((m) => m.memberName))}。` : '',
    g.withoutCard.length ? `未持${SERVICE_CARD}${g.withoutCard.length}户：${names(g.withoutCard.map((f) => f.familyName))}。` : '',
    g.overdueRequests.length ? `诉求逾期未办结${g.overdueRequests.length}件：${names(g.overdueRequests.map((q) => q.familyName))}。` : '',
    r.followUps.gaps.length ? `签约医生随访未落实${r.followUps.gaps.length}人：${names(r.followUps.gaps.map(followUpGapText))}。` : '',
  ].filter(Boolean);
  return {
    // A city's report goes up under its own name ("清河市计划生育特殊家庭…自查报告").
    title: r.level === 'city' ? r.regionName + reportTexts.title : reportTexts.title,
    subtitle: `${r.regionName} ${reportPeriodLabel(r.from, r.to)}`,
    sections: [
      { heading: '一、基本情况', paragraphs: [population, ...countyLines(r)] },
      { heading: '二、联系人制度落实情况', paragraphs: contact },
      { heading: '三、家庭医生签约服务情况', paragraphs: [...signing, ...doubleSigningParagraphs(r)] },
      { heading: '四、优先便利医疗服务和扶助关怀情况', paragraphs: care },
      { heading: '五、存在的问题', paragraphs: problems.length ? problems : ['本期各项指标均已达标。'] },
      { heading: '六、问题整改情况', paragraphs: rectification(r) },
    ],
  };
}

/** The problem ledger's state: raised and rectified in the period, still open, and who is late. */
function rectification(r: ReportResponse): string[] {
  const p = r.problems;
  const lines = [`本期登记问题${p.raised}个，已整改${p.rectified}个；目前尚在整改${p.open}个，其中超过整改时限${p.overdue.length}个。`];
  if (p.overdue.length) lines.push(`超过整改时限的问题：${names(p.overdue.map((o) => `${o.countyName ?? ''}${o.townshipName}${o.area}（责任人${o.responsibleName}，时限${o.deadline}）`))}。`);
  return lines;
}

/** A city's counties side by side, one sentence each: families, contacts reached, signing, cards, problems. */
function countyLines(r: ReportResponse): string[] {
  return (r.counties ?? []).map(
    (c) =>
      `${c.countyName}：特殊家庭${c.families}户${c.members}人，“双岗”联系人落实率${pct(c.familiesWithAllContacts, c.families)}，本期联系到${c.familiesReached}户（${pct(c.familiesReached, c.families)}），有意愿成员签约率${pct(c.signedMembers, c.wantingMembers)}，持卡率${pct(c.cardHolders, c.families)}；本期登记问题${c.problems.raised}个，尚在整改${c.problems.open}个，其中超过整改时限${c.problems.overdue}个。`,
  );
}

/** The doctors' follow-ups: what was due in the period and what the doctor's team did. */
function followUpSentences(r: ReportResponse): string[] {
  const f = r.followUps.total;
  if (f.planned === 0) return ['本期没有纳入慢病随访计划的签约成员。'];
  return [
    `纳入慢病随访计划的签约成员${f.planned}人，本期应由签约医生随访${f.visitsDue}人次（每月一次），医生团队上门或电话随访${f.visitsDone}人次，随访率${pct(f.visitsDone, f.visitsDue)}，未随访${f.visitsMissed}人次（成员自己提交的测量不计为医生随访）。`,
    f.weeklyMembers
      ? `其中失能、半失能老人${f.weeklyMembers}人，应每周随访${f.callsDue}人次，已随访${f.callsDone}人次，随访率${pct(f.callsDone, f.callsDue)}，未随访${f.callsMissed}人次。`
      : '本期没有需要每周随访的失能、半失能老人。',
  ];
}

const followUpGapText = (g: ReportResponse['followUps']['gaps'][number]) =>
  `${g.memberName}（${g.familyName}，${mobilityLabels[g.mobility]}，签约医生${g.doctorName}${g.visitsMissed ? `，缺月度随访${g.visitsMissed}次` : ''}${g.callsMissed ? `，缺每周随访${g.callsMissed}次` : ''}）`;

/** The green channel of the period, as the dashboard's section counts it. */
function greenChannelSentence(r: ReportResponse): string {
  const f = r.greenChannel.total;
  if (r.greenChannel.institutions.length === 0) return '本期没有绿色通道就诊记录。';
  const given = walkInPriorities.map((p) => `${p}${f[priorityCounter[p]]}人次`).join('、');
  return `本期绿色通道就诊${f.visitsBooked + f.visitsWalkIn}人次（预约${f.visitsBooked}人次、窗口直接就诊${f.visitsWalkIn}人次），优先服务：${given}；陪诊${f.escorts}人次，轮椅${f.wheelchairs}人次，先诊疗后付费${f.payLater}人次，减免${f.reductionVisits}人次共${fenToYuan(f.reductionFen)}元；住院${f.admissions}人次（优先安排床位${f.priorityBeds}人次，其中急诊无亲属入院${f.emergencyAdmissions}人次）。`;
}
