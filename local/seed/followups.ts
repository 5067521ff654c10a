import { addDays, beijingDate, toBeijingIso, urgentFlags, type Readings } from '../../domain';
import type { FollowUpItem, HealthFileItem, PlanItem, PrescriptionItem } from '../../functions/lib/db/followups';
import { planQueueKeys, planRegionKeys } from '../../functions/lib/db/followups';
import { keys } from '../../functions/lib/db/keys';
import { county, families, villages } from './demo-county';

/**
 * Demo health data relative to the day the county is seeded, so the demo always shows the same
 * situation: 王秀英 (p_m0001) and 蒋立军 (p_m0014) are stable with a refill window open (below); 王秀英's husband 李国强 (p_m0002, coronary heart disease) is overdue; 孙长海
 * (p_m0006, poverty programme) has a weekly plan that is due today. The family still has to agree
 * to share health data in the app before the doctor sees any of it.
 */
const DAY = 86_400_000;

function followUp(memberId: string, familyId: string, doctorName: string, at: Date, readings: Readings, i: number): FollowUpItem {
  const followUpId = `fu_${String(at.getTime()).padStart(15, '0')}${(0xdead0000 + i).toString(16).padStart(16, '0')}`;
  return {
    ...keys.followUp(memberId, at, followUpId),
    entity: 'followUp',
    familyId,
    memberId,
    followUpId,
    kind: 'online',
    at: toBeijingIso(at),
    readings,
    symptoms: [],
    missedDoses: 0,
    mood: i % 3 === 0 ? 'fair' : 'good',
    urgent: urgentFlags(readings),
    recordedBy: memberId,
    reply: { advice: '血压血糖控制得不错，继续按时吃药、少盐少糖。', doctorName, at: toBeijingIso(new Date(at.getTime() + 3 * 3_600_000)) },
  };
}

export function buildFollowUpItems(now: Date): Array<HealthFileItem | PlanItem | FollowUpItem | PrescriptionItem> {
  const today = beijingDate(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const items: Array<HealthFileItem | PlanItem | FollowUpItem | PrescriptionItem> = [];

  const file = (memberId: string, familyId: string, memberName: string, doctorId: string, doctorName: string, conditions: HealthFileItem['conditions'], medicines: string[], stable: boolean): HealthFileItem => ({
    ...keys.healthFile(memberId),
    entity: 'healthFile',
    memberId,
    familyId,
    memberName,
    conditions,
    otherConditions: [],
    mobility: 'independent',
    medicines: medicines.map((name) => ({ name, usage: '每日 1 次，每次 1 片' })),
    allergies: [],
    stability: { status: stable ? 'stable' : 'unstable', assessedOn: addDays(today, -10), doctorId, doctorName },
    updatedAt: toBeijingIso(ago(10)),
  });
  // In the county's plan index as the product files a plan, so the report counts what is due.
  const regionOf = (familyId: string) => {
    const village = villages.find((v) => v.villageId === families.find((f) => f.familyId === familyId)?.villageId);
    return village ? { countyId: county.countyId, townshipId: village.townshipId } : undefined;
  };
  const plan = (p: Omit<PlanItem, 'pk' | 'sk' | 'entity' | 'gsi1pk' | 'gsi1sk' | 'version'>): PlanItem => ({ ...keys.followUpPlan(p.memberId), entity: 'followUpPlan', ...p, version: 1, ...planQueueKeys(p), ...planRegionKeys(regionOf(p.familyId), p.memberId) });

  // A stable member on a monthly plan with ten past online follow-ups (a visible trend) and a
  // 28-day long prescription running out in 4 days, so 申请续方 is open: 王秀英 for the demo, and
  // 蒋立军 (p_m0014, 柳林乡, 马德福) for the end-to-end test, which must not share people with other suites.
  const stableWithRx = (memberId: string, familyId: string, name: string, doctorId: string, doctorName: string, conditions: HealthFileItem['conditions'], meds: [string, string], rxId: string) => {
    items.push(file(memberId, familyId, name, doctorId, doctorName, conditions, meds, true));
    items.push(plan({ familyId, memberId, memberName: name, doctorId, cadence: 'monthly', reason: 'default', poverty: false, startedOn: addDays(today, -300), lastCompletedOn: beijingDate(ago(20)) }));
    const systolic = [152, 148, 150, 145, 142, 140, 138, 141, 136, 134];
    const glucose = [8.2, 7.9, 7.6, 7.8, 7.1, 7.0, 6.8, 7.2, 6.6, 6.5];
    systolic.forEach((sys, i) => {
      items.push(followUp(memberId, familyId, doctorName, ago(20 + (systolic.length - 1 - i) * 28), { systolic: sys, diastolic: 88 - i, pulse: 76, glucose: glucose[i], glucoseTiming: 'fasting', weight: 62 - i * 0.2 }, i));
    });
    items.push({
      ...keys.prescription(memberId, rxId),
      entity: 'prescription',
      prescriptionId: rxId,
      memberId,
      familyId,
      doctorId,
      doctorName,
      items: [
        { medicine: meds[0], dose: '每天早上 1 次，每次 1 片', quantity: '4 盒（每盒 7 片）' },
        { medicine: meds[1], dose: '每天 2 次，饭后各 1 片', quantity: '2 盒（每盒 30 片）' },
      ],
      supplyDays: 28,
      refillsAllowed: 2,
      refillsRemaining: 2,
      validUntil: addDays(today, 150),
      issuedOn: addDays(today, -24),
      supplyEndsOn: addDays(today, 4),
      instructions: `按时吃药，不要自己停药。头晕、心慌请打电话给${doctorName}医生。`,
    });
  };
  stableWithRx('p_m0001', 'f_0001', '王秀英', 'p_doc01', '陈立新', ['hypertension', 'diabetes_t2'], ['氨氯地平片', '二甲双胍片'], 'rx_demo0001amlodipine');
  stableWithRx('p_m0014', 'f_0009', '蒋立军', 'p_doc03', '马德福', ['hypertension'], ['氨氯地平片', '阿司匹林肠溶片'], 'rx_demo0014amlodipine');

  // 李国强: monthly, last follow-up 40 days ago: overdue.
  items.push(file('p_m0002', 'f_0001', '李国强', 'p_doc01', '陈立新', ['coronary_heart_disease'], ['阿司匹林肠溶片', '阿托伐他汀钙片'], true));
  items.push(plan({ familyId: 'f_0001', memberId: 'p_m0002', memberName: '李国强', doctorId: 'p_doc01', cadence: 'monthly', reason: 'default', poverty: false, startedOn: addDays(today, -200), lastCompletedOn: beijingDate(ago(40)) }));

  // 孙长海 (poverty programme): weekly, last visit 7 days ago: due today.
  items.push(file('p_m0006', 'f_0004', '孙长海', 'p_doc01', '陈立新', ['copd', 'hypertension'], ['噻托溴铵吸入剂', '氨氯地平片'], false));
  items.push(plan({ familyId: 'f_0004', memberId: 'p_m0006', memberName: '孙长海', doctorId: 'p_doc01', cadence: 'weekly', reason: 'poverty', poverty: true, startedOn: addDays(today, -90), lastCompletedOn: beijingDate(ago(7)) }));
  return items;
}
