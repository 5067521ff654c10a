import * as z from './zod';
import { FamilyId, IsoDate, PersonId } from './common';
import { DoubleSigningTier } from './double-signing';
import { addDays, addMonths, beijingIso, daysBetween, formatChineseDate } from './time';

/**
 * Chronic-disease follow-ups (慢病随访) and long prescriptions (长处方): the health file a signed
 * doctor keeps, the follow-up plan and its cadence, the short form an elderly member answers, the
 * urgent thresholds, and the refill rules. Pure rules only; the handlers apply them with the
 * request's clock.
 */

// ---------------------------------------------------------------------------------------------
// Health file (健康档案)

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

const ShortText = (max: number, what: string) =>
  z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过 ${max} 个字`));

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

// ---------------------------------------------------------------------------------------------
// Plans and cadence

export const Cadence = z.enum(['weekly', 'monthly', 'quarterly']);
export type Cadence = z.infer<typeof Cadence>;
export const cadenceLabels: Record<Cadence, string> = { weekly: '每周一次', monthly: '每月一次', quarterly: '每季度一次' };

// The double-signing programme's tiers and their cadences: domain/double-signing.ts.

export type CadenceReason = 'default' | 'mobility' | 'poverty' | 'doctor';
export const cadenceReasonLabels: Record<CadenceReason, string> = {
  default: '慢病患者每月随访',
  mobility: '失能、半失能老人每周随访',
  poverty: '健康扶贫双签约：村医每周、乡镇每月、县级每季度',
  doctor: '医生调整',
};

/**
 * Monthly by default; weekly for semi-disabled or disabled elders; for members in the poverty
 * programme the signed doctor's queue follows the most frequent tier of double signing (the village
 * doctor's weekly visit), the other tiers being listed on the plan.
 */
export function planCadence(input: { mobility: Mobility; poverty: boolean }): { cadence: Cadence; reason: CadenceReason } {
  if (input.mobility !== 'independent') return { cadence: 'weekly', reason: 'mobility' };
  if (input.poverty) return { cadence: 'weekly', reason: 'poverty' };
  return { cadence: 'monthly', reason: 'default' };
}

/** Days before the due date from which a follow-up counts as due (shown in the queue). */
export const dueWindowDays: Record<Cadence, number> = { weekly: 1, monthly: 7, quarterly: 14 };
export const MAX_DUE_WINDOW_DAYS = 14;

export function nextDueOn(plan: { cadence: Cadence; startedOn: string; lastCompletedOn?: string }): string {
  if (!plan.lastCompletedOn) return plan.startedOn;
  switch (plan.cadence) {
    case 'weekly':
      return addDays(plan.lastCompletedOn, 7);
    case 'monthly':
      return addMonths(plan.lastCompletedOn, 1);
    case 'quarterly':
      return addMonths(plan.lastCompletedOn, 3);
  }
}

export const DueState = z.enum(['overdue', 'due', 'upcoming']);
export type DueState = z.infer<typeof DueState>;
export const dueStateLabels: Record<DueState, string> = { overdue: '已逾期', due: '该随访了', upcoming: '未到时间' };

/** Computed, never stored: from the plan and the last completed follow-up, on the given day. */
export function dueState(plan: { cadence: Cadence; startedOn: string; lastCompletedOn?: string }, today: string): { state: DueState; dueOn: string } {
  const dueOn = nextDueOn(plan);
  if (today > dueOn) return { state: 'overdue', dueOn };
  if (daysBetween(today, dueOn) <= dueWindowDays[plan.cadence]) return { state: 'due', dueOn };
  return { state: 'upcoming', dueOn };
}

/** The hour (Beijing) a due reminder is sent: morning, when elders are up and a doctor reachable. */
export const FOLLOW_UP_REMINDER_HOUR = 9;

/**
 * When the member is reminded of the plan's next follow-up: 09:00 Beijing on the first day it
 * counts as due (the due window before the due date), so the reminder and the "该随访了" the member
 * sees start together. Depends on the plan only, so an unchanged due date keeps its reminder.
 */
export function followUpReminderAt(plan: { cadence: Cadence; startedOn: string; lastCompletedOn?: string }): { at: string; dueOn: string } {
  const dueOn = nextDueOn(plan);
  const day = addDays(dueOn, -dueWindowDays[plan.cadence]);
  return { at: beijingIso(day, `${String(FOLLOW_UP_REMINDER_HOUR).padStart(2, '0')}:00`), dueOn };
}

export const PlanRequest = z.strictObject({
  cadence: Cadence,
  note: z.optional(z.string().check(z.trim(), z.maxLength(100, '说明不能超过 100 个字'))),
});
export type PlanRequest = z.infer<typeof PlanRequest>;

export const Plan = z.object({
  cadence: Cadence,
  reason: z.string(),
  tiers: z.optional(z.array(z.object({ label: z.string(), cadence: Cadence }))),
  startedOn: IsoDate,
  lastCompletedOn: z.optional(IsoDate),
  dueOn: IsoDate,
  state: DueState,
  note: z.optional(z.string()),
});
export type Plan = z.infer<typeof Plan>;

// ---------------------------------------------------------------------------------------------
// The follow-up form

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

export const FollowUpKind = z.enum(['online', 'visit', 'phone']);
export type FollowUpKind = z.infer<typeof FollowUpKind>;
export const followUpKindLabels: Record<FollowUpKind, string> = { online: '在线随访', visit: '上门随访', phone: '电话随访' };

export const FollowUpRecord = z.object({
  followUpId: z.string(),
  kind: FollowUpKind,
  at: z.string(),
  readings: Readings,
  symptoms: z.array(Symptom),
  symptomsNote: z.optional(z.string()),
  missedDoses: z.optional(z.number()),
  mood: z.optional(Mood),
  urgent: z.array(UrgentFlag),
  note: z.optional(z.string()),
  reply: z.optional(z.object({ advice: z.string(), doctorName: z.string(), at: z.string() })),
  recordedBy: z.string(),
  /** The double-signing tier this visit or call serves, from the recorder's place on the member's team. */
  tier: z.optional(DoubleSigningTier),
});
export type FollowUpRecord = z.infer<typeof FollowUpRecord>;

export const FollowUpResponse = z.object({ followUp: FollowUpRecord, advice: z.array(z.string()), plan: Plan });
export type FollowUpResponse = z.infer<typeof FollowUpResponse>;

export const VisitRequest = z.strictObject({
  kind: z.enum(['visit', 'phone']),
  note: ShortText(500, '随访记录'),
  readings: z.optional(Readings),
  /** A queue entry this visit answers: a discharge hand-back or a consultation's follow-up item. */
  handles: z.optional(z.string().check(z.regex(/^(DISCHARGE|FOLLOWUP-ITEM)#[0-9-]{10}#[A-Za-z0-9_-]{1,64}$/, '待办事项编号不正确'))),
});
export type VisitRequest = z.infer<typeof VisitRequest>;

export const ReplyRequest = z.strictObject({ advice: ShortText(500, '给居民的建议') });
export type ReplyRequest = z.infer<typeof ReplyRequest>;

export const FollowUpIdPath = z.strictObject({
  familyId: FamilyId,
  memberId: PersonId,
  followUpId: z.string().check(z.regex(/^fu_\d{15}[0-9a-f]{16}$/, '随访编号格式不正确')),
});

/** The member's file with the last 12 readings of each measure, for the member and the doctor. */
export const TrendPoint = z.object({ at: z.string(), value: z.number(), urgent: z.boolean() });
export type TrendPoint = z.infer<typeof TrendPoint>;
export const TREND_POINTS = 12;

export const MemberHealthResponse = z.object({
  memberId: PersonId,
  memberName: z.string(),
  file: z.nullable(HealthFile),
  plan: z.nullable(Plan),
  recent: z.array(FollowUpRecord),
  trends: z.record(z.string(), z.array(TrendPoint)),
});
export type MemberHealthResponse = z.infer<typeof MemberHealthResponse>;

/** What a contact person may know: whether a follow-up is overdue, never the readings. */
export const FollowUpStatusResponse = z.object({
  items: z.array(z.object({ memberId: PersonId, name: z.string(), state: z.nullable(DueState), dueOn: z.nullable(IsoDate) })),
});
export type FollowUpStatusResponse = z.infer<typeof FollowUpStatusResponse>;

/** Builds the trend lines from records newest first: per measure, at most 12, oldest first. */
export function trendsFrom(records: readonly Pick<FollowUpRecord, 'at' | 'readings' | 'urgent'>[]): Record<Measure, TrendPoint[]> {
  const out = Object.fromEntries(measures.map((m) => [m, [] as TrendPoint[]])) as Record<Measure, TrendPoint[]>;
  for (const rec of records) {
    for (const m of measures) {
      const value = rec.readings[m];
      if (value === undefined || out[m].length >= TREND_POINTS) continue;
      const urgent = (m === 'systolic' || m === 'diastolic') ? rec.urgent.includes('bp_high') : m === 'glucose' ? rec.urgent.some((f) => f.startsWith('glucose')) : false;
      out[m].push({ at: rec.at, value, urgent });
    }
  }
  for (const m of measures) out[m].reverse();
  return out;
}

// ---------------------------------------------------------------------------------------------
// The doctor's queue

export const QueueKind = z.enum(['urgent', 'review', 'plan', 'discharge', 'item']);
export type QueueKind = z.infer<typeof QueueKind>;
export const QueuePriority = z.enum(['urgent', 'overdue', 'due']);
export type QueuePriority = z.infer<typeof QueuePriority>;
export const queuePriorityLabels: Record<QueuePriority, string> = { urgent: '紧急', overdue: '已逾期', due: '待随访' };

export const QueueEntry = z.object({
  kind: QueueKind,
  priority: QueuePriority,
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  dueOn: IsoDate,
  title: z.string(),
  detail: z.optional(z.string()),
  /** For `review`/`urgent`: the submission to reply to; for discharge/item: what a visit handles. */
  followUpId: z.optional(z.string()),
  ref: z.optional(z.string()),
  /**
   * The member has not agreed (or no longer agrees) to share health data online: the entry says
   * only that a visit is due, in person, never what the readings or notes were.
   */
  withheld: z.optional(z.literal(true)),
});
export type QueueEntry = z.infer<typeof QueueEntry>;
/**
 * A member in the double-signing programme whose tier the calling doctor serves and who has not
 * had that tier's visit or call in the current week, month or quarter (domain/double-signing.ts).
 */
export const TierDueEntry = z.object({
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  villageName: z.string(),
  tier: DoubleSigningTier,
  /** The current period of the tier (a week's Monday, YYYY-MM or YYYY-Qn). */
  period: z.string(),
  lastServedOn: z.optional(IsoDate),
});
export type TierDueEntry = z.infer<typeof TierDueEntry>;

export const TierDueResponse = z.object({ items: z.array(TierDueEntry), today: IsoDate });
export type TierDueResponse = z.infer<typeof TierDueResponse>;

export const QueueResponse = z.object({ items: z.array(QueueEntry), today: IsoDate });
export type QueueResponse = z.infer<typeof QueueResponse>;

const priorityRank: Record<QueuePriority, number> = { urgent: 0, overdue: 1, due: 2 };
/** Urgent first, then overdue, then due; earliest due date first within each. */
export function sortQueue<T extends Pick<QueueEntry, 'priority' | 'dueOn' | 'memberId'>>(entries: T[]): T[] {
  return [...entries].sort((a, b) => priorityRank[a.priority] - priorityRank[b.priority] || a.dueOn.localeCompare(b.dueOn) || a.memberId.localeCompare(b.memberId));
}

/**
 * A queue entry of a member who does not share health data online (domain/policy/health-access.ts):
 * the doctor still sees that someone of theirs needs a follow-up, and how soon, so nobody is
 * forgotten, but not the readings, the discharge note or the consultation's summary; the follow-up
 * happens in person, where consent can be asked for.
 */
export function withheldQueueEntry(e: QueueEntry): QueueEntry {
  return { kind: e.kind, priority: e.priority, familyId: e.familyId, memberId: e.memberId, memberName: e.memberName, dueOn: e.dueOn, title: '需要当面随访', detail: '这位居民没有同意在线共享健康信息，请当面随访，并征得同意后再在线记录', withheld: true };
}

/** A discharge hand-back is a follow-up due within 7 days of discharge. */
export function priorityForDue(dueOn: string, today: string): QueuePriority {
  return today > dueOn ? 'overdue' : 'due';
}

// ---------------------------------------------------------------------------------------------
// Long prescriptions (长处方) and refills (续方)

export const LONG_RX_MIN_DAYS = 28;
export const LONG_RX_MAX_DAYS = 56;
export const STABLE_ASSESSMENT_MAX_AGE_DAYS = 90;
export const REFILL_WINDOW_DAYS = 7;
export const REFILL_FOLLOW_UP_MAX_AGE_DAYS = 30;

export const PrescriptionRequest = z.strictObject({
  items: z
    .array(
      z.strictObject({
        medicine: MedicineName,
        dose: ShortText(60, '用法用量'),
        quantity: ShortText(30, '数量'),
      }),
    )
    .check(z.minLength(1, '请至少开一种药'), z.maxLength(10, '一张长处方最多 10 种药')),
  supplyDays: z.int('用药天数请填写整数').check(
    z.minimum(LONG_RX_MIN_DAYS, `长处方用药天数应为 ${LONG_RX_MIN_DAYS} 到 ${LONG_RX_MAX_DAYS} 天`),
    z.maximum(LONG_RX_MAX_DAYS, `长处方用药天数应为 ${LONG_RX_MIN_DAYS} 到 ${LONG_RX_MAX_DAYS} 天`),
  ),
  refills: z.int('续方次数请填写整数').check(z.minimum(0, '续方次数应为 0 到 6 次'), z.maximum(6, '续方次数应为 0 到 6 次')),
  validUntil: IsoDate,
  instructions: z.optional(z.string().check(z.trim(), z.maxLength(200, '用药说明不能超过 200 个字'))),
});
export type PrescriptionRequest = z.infer<typeof PrescriptionRequest>;

/**
 * A pick-up place (取药点) is one of the family's county's active institutions (its designated
 * hospitals and township health centres: each keeps a pharmacy). The request names the institution;
 * the refill keeps its name as it was then, so history reads right after a rename or retirement.
 */
export const PICKUP_PLACE_MESSAGE = '请选择本县的取药药房';
export const PickupPlace = z.object({ institutionId: z.string(), name: z.string() });
export type PickupPlace = z.infer<typeof PickupPlace>;
/** What a pick-up place is called on the page and in the notice: the institution's pharmacy. */
export const pickupPlaceLabel = (name: string) => `${name}药房`;

export const RefillRequestBody = z.strictObject({
  fulfilment: z.enum(['pickup', 'delivery']),
  /** The institution id of the pick-up place (checked against the family's county by the handler). */
  pharmacy: z.optional(z.string(PICKUP_PLACE_MESSAGE).check(z.regex(/^org_[A-Za-z0-9]{2,40}$/, PICKUP_PLACE_MESSAGE))),
}).check(z.refine((v) => v.fulfilment !== 'pickup' || v.pharmacy !== undefined, { message: '请选择取药的药房', path: ['pharmacy'] }));
export type RefillRequestBody = z.infer<typeof RefillRequestBody>;

export const RefillStatus = z.enum(['submitted', 'approved', 'declined', 'ready', 'delivered']);
export type RefillStatus = z.infer<typeof RefillStatus>;
export const refillStatusLabels: Record<RefillStatus, string> = {
  submitted: '已提交，等医生审核',
  approved: '医生已同意，正在备药',
  declined: '医生没有同意',
  ready: '药已备好，可以去取药',
  delivered: '药已送到',
};

export const RefillRecord = z.object({
  refillId: z.string(),
  prescriptionId: z.string(),
  status: RefillStatus,
  fulfilment: z.enum(['pickup', 'delivery']),
  /** Pick-up only: the institution id (an older request: its old pharmacy code) and its name then. */
  pharmacy: z.optional(z.string()),
  pharmacyName: z.optional(z.string()),
  submittedAt: z.string(),
  decidedAt: z.optional(z.string()),
  declineReason: z.optional(z.string()),
  readyAt: z.optional(z.string()),
  history: z.array(z.object({ status: RefillStatus, at: z.string() })),
  /** Asked for on the family's behalf: "由王桂兰代办". */
  actedLabel: z.optional(z.string()),
});
export type RefillRecord = z.infer<typeof RefillRecord>;

export const Prescription = z.object({
  prescriptionId: z.string(),
  memberId: PersonId,
  familyId: FamilyId,
  items: PrescriptionRequest.shape.items,
  supplyDays: z.number(),
  refillsAllowed: z.number(),
  refillsRemaining: z.number(),
  validUntil: IsoDate,
  issuedOn: IsoDate,
  supplyEndsOn: IsoDate,
  instructions: z.optional(z.string()),
  doctorName: z.string(),
  /** Computed for the caller's today: may a refill be requested now, and if not, why. */
  refill: z.object({ canRequest: z.boolean(), reason: z.optional(z.string()), opensOn: z.optional(IsoDate) }),
  requests: z.array(RefillRecord),
});
export type Prescription = z.infer<typeof Prescription>;

export const PrescriptionListResponse = z.object({
  items: z.array(Prescription),
  /** The county's pick-up places, listed only when some prescription can be refilled now (else empty). */
  pickupPlaces: z.array(PickupPlace),
});
export type PrescriptionListResponse = z.infer<typeof PrescriptionListResponse>;
export const PrescriptionResponse = z.object({ prescription: Prescription });
export const RefillResponse = z.object({ refill: RefillRecord });
export type RefillResponse = z.infer<typeof RefillResponse>;

export const RxPath = z.strictObject({ familyId: FamilyId, memberId: PersonId, prescriptionId: z.string().check(z.regex(/^rx_[A-Za-z0-9]{8,40}$/, '处方编号格式不正确')) });
export const RefillPath = z.strictObject({ ...RxPath.shape, refillId: z.string().check(z.regex(/^rf_[A-Za-z0-9]{8,40}$/, '续方编号格式不正确')) });
export const RefillDeclineRequest = z.strictObject({ reason: ShortText(200, '不同意的原因') });

/** Why a refill may not be requested today, or nothing if it may. Boundaries are inclusive of day 7. */
export function refillBlock(
  rx: { supplyEndsOn: string; validUntil: string; refillsRemaining: number; openRefillId?: string },
  today: string,
): { reason: string; opensOn?: string } | undefined {
  if (today > rx.validUntil) return { reason: '这张长处方已过期，请找家庭医生重新开方' };
  if (rx.refillsRemaining <= 0) return { reason: '续方次数已经用完，请找家庭医生重新开方' };
  if (rx.openRefillId) return { reason: '已经有一个续方申请在办理中' };
  const opensOn = addDays(rx.supplyEndsOn, -REFILL_WINDOW_DAYS);
  if (today < opensOn) return { reason: `药还够用，${formatChineseDate(opensOn, today)}起可以申请续方`, opensOn };
  return undefined;
}

/** Long prescriptions go only to members assessed stable in the last 90 days. */
export function stableForLongRx(stability: { status: Stability; assessedOn: string } | undefined, today: string): boolean {
  return stability?.status === 'stable' && daysBetween(stability.assessedOn, today) <= STABLE_ASSESSMENT_MAX_AGE_DAYS;
}

/** The doctor approves a refill only after a follow-up in the last 30 days. */
export function followUpRecentEnough(lastCompletedOn: string | undefined, today: string): boolean {
  return lastCompletedOn !== undefined && daysBetween(lastCompletedOn, today) <= REFILL_FOLLOW_UP_MAX_AGE_DAYS;
}

export const DoctorRefillsResponse = z.object({
  items: z.array(z.object({ familyId: FamilyId, memberId: PersonId, memberName: z.string(), medicines: z.string(), refill: RefillRecord, followUpRecent: z.boolean() })),
});
export type DoctorRefillsResponse = z.infer<typeof DoctorRefillsResponse>;
