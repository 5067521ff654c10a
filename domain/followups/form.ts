import * as z from '../zod';

/** The short form an elderly member (or the doctor) answers: readings, symptoms, mood, and the urgent limits. */

/** Integers only: "120.5" or "abc" mmHg is a typing mistake, not a reading. */
const IntIn = (min: number, max: number, what: string, unit: string) =>
  z.int(`${what}请填写整数`).check(z.minimum(min, `${what}应在 ${min} 到 ${max} ${unit}之间，请检查后重新填写`), z.maximum(max, `${what}应在 ${min} 到 ${max} ${unit}之间，请检查后重新填写`));

export const readingRanges = {
  systolic: { min: 60, max: 260, unit: 'mmHg', label: '高压（收缩压）' },
  diastolic: { min: 30, max: 160, unit: 'mmHg', label: '低压（舒张压）' },
  pulse: { min: 30, max: 200, unit: '次/分', label: '脉搏' },
  glucose: { min: 1, max: 33.3, unit: 'mmol/L', label: '血糖' },
  weight: { min: 25, max: 200, unit: '公斤', label: '体重' },
} as const;
export type Measure = keyof typeof readingRanges;
export const measures = Object.keys(readingRanges) as Measure[];

export const Symptom = z.enum(['headache', 'dizziness', 'chest_pain', 'breathless', 'palpitations', 'swelling', 'numbness', 'thirst']);
export type Symptom = z.infer<typeof Symptom>;
export const symptomLabels: Record<Symptom, string> = {
  headache: '头痛',
  dizziness: '头晕',
  chest_pain: '胸痛、胸闷',
  breathless: '气短、喘不上气',
  palpitations: '心慌',
  swelling: '脚肿',
  numbness: '手脚发麻',
  thirst: '口渴、尿多',
};

export const Mood = z.enum(['good', 'fair', 'low', 'very_low']);
export type Mood = z.infer<typeof Mood>;
export const moodLabels: Record<Mood, string> = { good: '心情好', fair: '一般', low: '心情不好', very_low: '很难过，想找人说说' };

export const GlucoseTiming = z.enum(['fasting', 'after_meal']);
export type GlucoseTiming = z.infer<typeof GlucoseTiming>;
export const glucoseTimingLabels: Record<GlucoseTiming, string> = { fasting: '空腹', after_meal: '饭后' };

const r = readingRanges;
const range = (m: Measure) => `${r[m].label}应在 ${r[m].min} 到 ${r[m].max} ${r[m].unit}之间，请检查后重新填写`;

export const Readings = z
  .strictObject({
    systolic: z.optional(IntIn(r.systolic.min, r.systolic.max, r.systolic.label, r.systolic.unit)),
    diastolic: z.optional(IntIn(r.diastolic.min, r.diastolic.max, r.diastolic.label, r.diastolic.unit)),
    pulse: z.optional(IntIn(r.pulse.min, r.pulse.max, r.pulse.label, r.pulse.unit)),
    glucose: z.optional(z.number('血糖请填写数字').check(z.minimum(r.glucose.min, range('glucose')), z.maximum(r.glucose.max, range('glucose')))),
    glucoseTiming: z.optional(GlucoseTiming),
    weight: z.optional(z.number('体重请填写数字').check(z.minimum(r.weight.min, range('weight')), z.maximum(r.weight.max, range('weight')))),
  })
  .check(
    z.refine((v) => (v.systolic === undefined) === (v.diastolic === undefined), { message: '高压和低压要一起填写', path: ['diastolic'] }),
    z.refine((v) => v.systolic === undefined || v.diastolic === undefined || v.systolic > v.diastolic, { message: '高压应该比低压高，请检查是否填反了', path: ['systolic'] }),
    z.refine((v) => (v.glucose === undefined) === (v.glucoseTiming === undefined), { message: '请选择血糖是空腹还是饭后测的', path: ['glucoseTiming'] }),
  );
export type Readings = z.infer<typeof Readings>;

export const FollowUpRequest = z
  .strictObject({
    readings: Readings,
    symptoms: z.array(Symptom).check(z.maxLength(8)),
    symptomsNote: z.optional(z.string().check(z.trim(), z.maxLength(200, '其他不舒服最多写 200 个字'))),
    missedDoses: IntIn(0, 21, '这周漏服药的次数', '次'),
    mood: Mood,
  })
  .check(
    z.refine((v) => Object.keys(v.readings).some((k) => k !== 'glucoseTiming'), { message: '请至少填写一项测量结果', path: ['readings'] }),
  );
export type FollowUpRequest = z.infer<typeof FollowUpRequest>;

/** Safe limits: a reading beyond one is urgent (doctor first, contacts notified, advice shown). */
export const urgentLimits = { systolicAtLeast: 180, diastolicAtLeast: 110, glucoseBelow: 3.9, glucoseAbove: 16.7 } as const;

export const UrgentFlag = z.enum(['bp_high', 'glucose_low', 'glucose_high']);
export type UrgentFlag = z.infer<typeof UrgentFlag>;
export const urgentFlagLabels: Record<UrgentFlag, string> = { bp_high: '血压过高', glucose_low: '血糖过低', glucose_high: '血糖过高' };

export function urgentFlags(readings: Readings): UrgentFlag[] {
  const flags: UrgentFlag[] = [];
  if ((readings.systolic ?? 0) >= urgentLimits.systolicAtLeast || (readings.diastolic ?? 0) >= urgentLimits.diastolicAtLeast) flags.push('bp_high');
  if (readings.glucose !== undefined && readings.glucose < urgentLimits.glucoseBelow) flags.push('glucose_low');
  if (readings.glucose !== undefined && readings.glucose > urgentLimits.glucoseAbove) flags.push('glucose_high');
  return flags;
}

/** What the member reads at once after an urgent reading: plain steps, most important first. */
export function urgentAdvice(flags: readonly UrgentFlag[]): string[] {
  if (flags.length === 0) return [];
  const steps: string[] = [];
  if (flags.includes('glucose_low')) steps.push('马上吃几块糖或喝半杯甜水，坐下休息。');
  if (flags.includes('bp_high')) steps.push('马上坐下或躺下休息，不要走动，不要自己多吃降压药。');
  if (flags.includes('glucose_high')) steps.push('坐下休息，多喝白开水，不要再吃甜的东西。');
  steps.push('休息 15 分钟后再测一次。');
  steps.push('已经通知您的家庭医生，请保持电话畅通；也可以直接给医生打电话。');
  steps.push('如果胸痛、说话不清、手脚无力、意识不清或一直不好转，请马上拨打 120。');
  return steps;
}
