import { addDays, beijingDate, FollowUpRequest, HealthFileRequest, type Principal, PrescriptionRequest, ReplyRequest, type Readings } from '../../domain';
import type { MemberCtx } from '../../functions/followups/access';
import { createPrescription } from '../../functions/followups/create-prescription';
import { putHealthFile } from '../../functions/followups/put-health-file';
import { replyFollowUp } from '../../functions/followups/reply-followup';
import { submitFollowUp } from '../../functions/followups/submit-followup';
import { getMemberContext } from '../../functions/lib/db/followups';

/**
 * Demo health data relative to the day the county is seeded, so the demo always shows the same
 * situation: 王秀英 (p_m0001) and 蒋立军 (p_m0014) are stable with a refill window open (below); 王秀英's husband 李国强 (p_m0002, coronary heart disease) is overdue; 孙长海
 * (p_m0006, poverty programme) has a weekly plan that is due today. The family still has to agree
 * to share health data in the app before the doctor sees any of it.
 *
 * Everything goes through the product's writes, at past moments, after the signings (the signed
 * doctor is whose queue a plan sits in): the health files and the plans that follow from them
 * through the health-file route's core (putHealthFile), each member's own readings through the
 * submission's (submitFollowUp, which also moves the plan and the member's due reminder), the
 * doctor's advice through the reply's (replyFollowUp, which also counts the follow-up on the
 * member's contract and tells the member), the long prescriptions through the prescription
 * route's (createPrescription, with the demo's fixed ids).
 *
 * The one step not taken as the routes take it is the health-access rule's consent half: the
 * demo keeps the families' health-data consent undecided (the doctor sees nothing until they
 * agree in the app), so the member's context is read here as the route reads it, and only the
 * signing is checked. In the product these past replies would have needed the consent at the time.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

interface DemoMember {
  memberId: string;
  familyId: string;
  doctorId: string;
}

/** The member's context as the routes read it, with `viewerId` as the caller (see above for the consent). */
async function contextOf(m: DemoMember, viewerId: string, extraKeys: ReadonlyArray<{ pk: string; sk: string }> = []): Promise<MemberCtx> {
  const ctx = await getMemberContext(m.familyId, m.memberId, viewerId, extraKeys);
  if (!ctx.member || ctx.signing?.doctorId !== m.doctorId) throw new Error(`demo follow-ups: ${m.memberId} is not signed to ${m.doctorId}`);
  return { ...ctx, member: ctx.member };
}

const doctorOf = (m: DemoMember): Principal => ({ personId: m.doctorId, role: 'doctor' });
const pathOf = (m: DemoMember) => ({ familyId: m.familyId, memberId: m.memberId });

/** The signed doctor writes (or re-assesses) the member's health file at `at`. */
async function fileAt(m: DemoMember, at: Date, conditions: HealthFileRequest['conditions'], medicines: string[], stable: boolean): Promise<void> {
  const body = HealthFileRequest.parse({
    conditions,
    otherConditions: [],
    mobility: 'independent',
    medicines: medicines.map((name) => ({ name, usage: '每日 1 次，每次 1 片' })),
    allergies: [],
    stability: stable ? 'stable' : 'unstable',
  });
  await putHealthFile(await contextOf(m, m.doctorId), pathOf(m), body, doctorOf(m), at);
}

/** The member sends an online follow-up at `at`; the doctor replies three hours later. */
async function followUpAt(m: DemoMember, at: Date, readings: Readings, mood: FollowUpRequest['mood'], advice: string): Promise<void> {
  const body = FollowUpRequest.parse({ readings, symptoms: [], missedDoses: 0, mood });
  const sent = await submitFollowUp((extraKeys) => contextOf(m, m.memberId, extraKeys), pathOf(m), body, m.memberId, at);
  const path = { ...pathOf(m), followUpId: sent.followUp.followUpId };
  await replyFollowUp(await contextOf(m, m.doctorId), path, ReplyRequest.parse({ advice }), new Date(at.getTime() + 3 * HOUR));
}

export async function seedFollowUps(now: Date): Promise<void> {
  const today = beijingDate(now);
  const ago = (days: number) => new Date(now.getTime() - days * DAY);

  // A stable member on a monthly plan with ten past online follow-ups (a visible trend) and a
  // 28-day long prescription issued 24 days ago, so 申请续方 is open (the supply ends in 4 days):
  // 王秀英 for the demo, and 蒋立军 (p_m0014, 柳林乡, 马德福) for the end-to-end test, which must
  // not share people with other suites. The doctor assesses the member stable on the day of the
  // prescription (a long prescription needs a recent assessment) and again 10 days ago.
  const stableWithRx = async (m: DemoMember, doctorName: string, conditions: HealthFileRequest['conditions'], meds: [string, string], prescriptionId: string) => {
    await fileAt(m, ago(300), conditions, meds, true);
    const systolic = [152, 148, 150, 145, 142, 140, 138, 141, 136, 134];
    const glucose = [8.2, 7.9, 7.6, 7.8, 7.1, 7.0, 6.8, 7.2, 6.6, 6.5];
    for (const [i, sys] of systolic.entries()) {
      const daysAgo = 20 + (systolic.length - 1 - i) * 28;
      if (daysAgo === 20) {
        await fileAt(m, ago(24), conditions, meds, true);
        const body = PrescriptionRequest.parse({
          items: [
            { medicine: meds[0], dose: '每天早上 1 次，每次 1 片', quantity: '4 盒（每盒 7 片）' },
            { medicine: meds[1], dose: '每天 2 次，饭后各 1 片', quantity: '2 盒（每盒 30 片）' },
          ],
          supplyDays: 28,
          refills: 2,
          validUntil: addDays(today, 150),
          instructions: `按时吃药，不要自己停药。头晕、心慌请打电话给${doctorName}医生。`,
        });
        await createPrescription(await contextOf(m, m.doctorId), pathOf(m), body, doctorOf(m), ago(24), { prescriptionId });
      }
      const readings: Readings = { systolic: sys, diastolic: 88 - i, pulse: 76, glucose: glucose[i], glucoseTiming: 'fasting', weight: 62 - i * 0.2 };
      await followUpAt(m, ago(daysAgo), readings, i % 3 === 0 ? 'fair' : 'good', '血压血糖控制得不错，继续按时吃药、少盐少糖。');
    }
    await fileAt(m, ago(10), conditions, meds, true);
  };

  // 李国强: monthly, last follow-up 40 days ago: overdue.
  const overdue = async () => {
    const m = { memberId: 'p_m0002', familyId: 'f_0001', doctorId: 'p_doc01' };
    const meds = ['阿司匹林肠溶片', '阿托伐他汀钙片'];
    await fileAt(m, ago(200), ['coronary_heart_disease'], meds, true);
    await followUpAt(m, ago(40), { systolic: 132, diastolic: 82, pulse: 72 }, 'good', '血压平稳，阿司匹林和他汀每天按时吃；胸闷胸痛马上打电话。');
    await fileAt(m, ago(10), ['coronary_heart_disease'], meds, true);
  };

  // 孙长海 (poverty programme): weekly, last follow-up 7 days ago: due today.
  const weekly = async () => {
    const m = { memberId: 'p_m0006', familyId: 'f_0004', doctorId: 'p_doc01' };
    const meds = ['噻托溴铵吸入剂', '氨氯地平片'];
    await fileAt(m, ago(90), ['copd', 'hypertension'], meds, false);
    await fileAt(m, ago(10), ['copd', 'hypertension'], meds, false);
    await followUpAt(m, ago(7), { systolic: 146, diastolic: 90, pulse: 84 }, 'fair', '血压还有点高，少吃咸菜；吸入剂每天按时用，喘得厉害马上打电话。');
  };

  // Members side by side: each writes only their own health partition and contract.
  await Promise.all([
    stableWithRx({ memberId: 'p_m0001', familyId: 'f_0001', doctorId: 'p_doc01' }, '陈立新', ['hypertension', 'diabetes_t2'], ['氨氯地平片', '二甲双胍片'], 'rx_demo0001amlodipine'),
    stableWithRx({ memberId: 'p_m0014', familyId: 'f_0009', doctorId: 'p_doc03' }, '马德福', ['hypertension'], ['氨氯地平片', '阿司匹林肠溶片'], 'rx_demo0014amlodipine'),
    overdue(),
    weekly(),
  ]);
}
