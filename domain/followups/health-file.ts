import * as z from '../zod';
import { FamilyId, IsoDate, PersonId } from '../common';
import { ShortText } from './text';

/** The health file (健康档案) a signed doctor keeps: conditions, mobility, medicines, stability. */

export const ChronicCondition = z.enum(['hypertension', 'diabetes_t2', 'coronary_heart_disease', 'copd', 'stroke_sequelae']);
export type ChronicCondition = z.infer<typeof ChronicCondition>;
export const chronicConditionLabels: Record<ChronicCondition, string> = {
  hypertension: '高血压',
  diabetes_t2: '2型糖尿病',
  coronary_heart_disease: '冠心病',
  copd: '慢阻肺',
  stroke_sequelae: '脑卒中后遗症',
};

export const Mobility = z.enum(['independent', 'semi_disabled', 'disabled']);
export type Mobility = z.infer<typeof Mobility>;
export const mobilityLabels: Record<Mobility, string> = { independent: '能自理', semi_disabled: '半失能', disabled: '失能' };

export const Stability = z.enum(['stable', 'unstable']);
export type Stability = z.infer<typeof Stability>;
export const stabilityLabels: Record<Stability, string> = { stable: '病情稳定', unstable: '病情不稳定' };

export const MedicineName = ShortText(40, '药品名称');

export const Medicine = z.strictObject({
  name: MedicineName,
  /** As the doctor writes it, e.g. 每日 1 次，每次 1 片. */
  usage: z.optional(z.string().check(z.trim(), z.maxLength(60, '用法不能超过 60 个字'))),
});
export type Medicine = z.infer<typeof Medicine>;

export const HealthFileRequest = z.strictObject({
  conditions: z.array(ChronicCondition).check(z.maxLength(5, '慢病最多选 5 项')),
  otherConditions: z.array(ShortText(30, '其他疾病')).check(z.maxLength(10, '其他疾病最多填 10 项')),
  mobility: Mobility,
  medicines: z.array(Medicine).check(z.maxLength(20, '用药最多 20 种')),
  allergies: z.array(ShortText(30, '过敏')).check(z.maxLength(10, '过敏最多填 10 项')),
  stability: Stability,
});
export type HealthFileRequest = z.infer<typeof HealthFileRequest>;

export const HealthFile = z.object({
  memberId: PersonId,
  familyId: FamilyId,
  memberName: z.string(),
  conditions: z.array(ChronicCondition),
  otherConditions: z.array(z.string()),
  mobility: Mobility,
  medicines: z.array(Medicine),
  allergies: z.array(z.string()),
  stability: z.object({ status: Stability, assessedOn: IsoDate, doctorId: PersonId, doctorName: z.string() }),
  updatedAt: z.string(),
});
export type HealthFile = z.infer<typeof HealthFile>;
