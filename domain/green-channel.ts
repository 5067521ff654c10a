import * as z from './zod';
import { FamilyId, IdLast6, IsoDate, PersonId, PersonName } from './common';
import { AdmissionView, BeijingInstant, DepartmentId, GreenChannelPatient, InstitutionId } from './booking';
import { CardCode, greenChannelPriorities } from './card';
import { greenChannelCounters, priorityCounter, type GreenChannelCounter, type GreenChannelCounts } from './green-channel-counts';

/**
 * The hospital window without a booking (walk-in), and the green-channel figures the commission
 * reads. Money is in fen (integer cents) so sums are exact; the form takes yuan with 2 decimals.
 */
export {
  addGreenChannelCounts,
  fenToYuan,
  GreenChannelFigures,
  GreenChannelRow,
  GreenChannelSection,
  greenChannelCounters,
  noGreenChannelCounts,
  priorityCounter,
  summariseGreenChannel,
  type GreenChannelCell,
  type GreenChannelCounter,
  type GreenChannelCounts,
} from './green-channel-counts';

/** The priorities a walk-in may be given, as the seeds' county rules list them. */
export const walkInPriorities = ['挂号', '就诊', '检查', '取药', '收费', '住院', '转诊'] as const;
export const WalkInPriority = z.enum(walkInPriorities);
export type WalkInPriority = z.infer<typeof WalkInPriority>;


/**
 * A booked visit records the card's printed promises (greenChannelPriorities); they count under
 * the same kinds as a walk-in's, and the escort promise counts as an escort.
 */
export const bookedPriorityKind: Record<(typeof greenChannelPriorities)[number], WalkInPriority | 'escort'> = {
  优先挂号: '挂号',
  优先就诊: '就诊',
  优先转诊: '转诊',
  优先取药: '取药',
  优先缴费: '收费',
  导诊陪诊服务: 'escort',
  '急诊不延误、优先安排床位': '住院',
};

/** Fees a hospital may reduce or waive for a card holder. */
export const reductionItems = ['诊察费', '挂号费', '检查费', '药事服务费', '床位费', '其他'] as const;
export const ReductionItem = z.enum(reductionItems);
export type ReductionItem = z.infer<typeof ReductionItem>;
/** One reduction is at most 100,000 yuan: a typo beyond that would distort the county's sum. */
export const MAX_REDUCTION_FEN = 10_000_000;

export const Reduction = z.strictObject({
  item: ReductionItem,
  amountFen: z.number().check(
    z.int('减免金额请填写到分（最多两位小数）'),
    z.minimum(1, '减免金额至少 0.01 元'),
    z.maximum(MAX_REDUCTION_FEN, '减免金额不能超过 100000 元'),
  ),
});
export type Reduction = z.infer<typeof Reduction>;

// --- finding the family at the window ---

/** Lookups per staff member in a window: enough for a busy window, too few to walk card numbers. */
export const LOOKUPS_PER_WINDOW = 30;
export const LOOKUP_WINDOW_SECONDS = 10 * 60;
/** The one answer for a wrong number or name: it never tells whether such a person exists. */
export const PATIENT_NOT_FOUND = '未找到：请核对服务卡号，或姓名和身份证号后 6 位';

/** The physical card's number (服务卡号), as the import takes it; compared in upper case. */
export const CardNumber = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.minLength(1, '请填写服务卡号'),
  z.regex(/^[A-Z0-9]{4,30}$/, '服务卡号应为 4 到 30 位字母或数字'),
);

export const PatientLookupRequest = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('code'), token: CardCode }),
  z.strictObject({ by: z.literal('cardNo'), cardNo: CardNumber }),
  z.strictObject({ by: z.literal('nameId'), name: PersonName, idLast6: IdLast6 }),
]);
export type PatientLookupRequest = z.infer<typeof PatientLookupRequest>;
export type LookupMethod = PatientLookupRequest['by'];
export const lookupMethodLabels: Record<LookupMethod, string> = { code: '扫码', cardNo: '服务卡号', nameId: '姓名和身份证号后 6 位' };

export const PatientLookupResponse = z.object({
  familyId: FamilyId,
  cardNo: z.string(),
  holders: z.array(z.object({ personId: PersonId, name: z.string(), relation: z.string() })),
  /** The person the name and ID digits named (lookup by name only). */
  personId: z.optional(PersonId),
  /**
   * Signed proof that this staff member found this family at the window, for the walk-in and
   * emergency-admission records (a hospital reaches a family only when it presents itself).
   */
  presentedTicket: z.string(),
  bookingsToday: z.array(GreenChannelPatient),
});
export type PatientLookupResponse = z.infer<typeof PatientLookupResponse>;

/** How long the window's proof of presence lasts: one visit's morning or afternoon. */
export const PRESENTED_TICKET_TTL_SECONDS = 4 * 3600;

// --- recording a walk-in ---

export const WalkInRequest = z.strictObject({
  presentedTicket: z.string().check(z.minLength(1, '请先查找患者家庭'), z.maxLength(2000, '查找凭证无效，请重新查找')),
  memberId: PersonId,
  departmentId: DepartmentId,
  priorities: z.array(WalkInPriority).check(
    z.maxLength(walkInPriorities.length, '优先服务项目重复'),
    z.refine((list) => new Set(list).size === list.length, '优先服务项目重复'),
  ),
  escort: z.boolean(),
  wheelchair: z.boolean(),
  reductions: z.array(Reduction).check(
    z.maxLength(reductionItems.length, '减免项目重复'),
    z.refine((list) => new Set(list.map((r) => r.item)).size === list.length, '同一项费用只填一次'),
  ),
  payLater: z.boolean(),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200, '备注不能超过 200 字'))),
});
export type WalkInRequest = z.infer<typeof WalkInRequest>;

export const WalkInView = z.object({
  visitId: z.string(),
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  institutionId: InstitutionId,
  departmentName: z.string(),
  date: IsoDate,
  recordedAt: z.string(),
  recordedByName: z.string(),
  priorities: z.array(WalkInPriority),
  escort: z.boolean(),
  wheelchair: z.boolean(),
  reductions: z.array(Reduction),
  reductionFen: z.number(),
  payLater: z.boolean(),
  note: z.optional(z.string()),
});
export type WalkInView = z.infer<typeof WalkInView>;
export const WalkInListResponse = z.object({ date: IsoDate, items: z.array(WalkInView) });
export type WalkInListResponse = z.infer<typeof WalkInListResponse>;

// --- emergency admission without a relative ---

export const EmergencyAdmissionRequest = z.strictObject({
  presentedTicket: z.string().check(z.minLength(1, '请先查找患者家庭'), z.maxLength(2000, '查找凭证无效，请重新查找')),
  memberId: PersonId,
  reason: z.string().check(z.trim(), z.minLength(2, '请填写急诊入院原因'), z.maxLength(200, '原因不能超过 200 字')),
  /** Who tried to reach the relatives and how: the reason a leader's approval stands in for them. */
  relativesTried: z.string().check(z.trim(), z.minLength(2, '请写明联系过哪些亲属、为何联系不上'), z.maxLength(200, '不能超过 200 字')),
  leaderName: PersonName,
  approvedAt: BeijingInstant,
});
export type EmergencyAdmissionRequest = z.infer<typeof EmergencyAdmissionRequest>;
export const EmergencyAdmissionView = z.object({
  ...AdmissionView.shape,
  emergency: z.object({ leaderName: z.string(), approvedAt: z.string(), relativesTried: z.string(), recordedByName: z.string() }),
});
export type EmergencyAdmissionView = z.infer<typeof EmergencyAdmissionView>;
/** A leader's approval is recorded at the time; one a day old is not an emergency record. */
export const EMERGENCY_APPROVAL_MAX_AGE_HOURS = 24;

// --- figures for the commission ---


/** Column labels of the figures, for the dashboard and the export sheet. */
export const greenChannelLabels: Record<GreenChannelCounter, string> = {
  visitsBooked: '预约就诊人次',
  visitsWalkIn: '窗口直接就诊人次',
  pRegistration: '优先挂号',
  pConsultation: '优先就诊',
  pExamination: '优先检查',
  pPharmacy: '优先取药',
  pPayment: '优先收费',
  pInpatient: '优先住院',
  pReferral: '优先转诊',
  escorts: '陪诊人次',
  wheelchairs: '轮椅人次',
  reductionVisits: '减免人次',
  reductionFen: '减免金额（分）',
  payLater: '先诊疗后付费人次',
  admissions: '住院人次',
  emergencyAdmissions: '其中急诊无亲属入院',
  priorityBeds: '优先安排床位',
};

/** What one walk-in adds to its month's counters. */
export function walkInCounts(v: Pick<WalkInRequest, 'priorities' | 'escort' | 'wheelchair' | 'reductions' | 'payLater'>): Partial<GreenChannelCounts> {
  const out: Partial<GreenChannelCounts> = { visitsWalkIn: 1 };
  for (const p of v.priorities) out[priorityCounter[p]] = 1;
  if (v.escort) out.escorts = 1;
  if (v.wheelchair) out.wheelchairs = 1;
  const fen = v.reductions.reduce((s, r) => s + r.amountFen, 0);
  if (fen > 0) {
    out.reductionVisits = 1;
    out.reductionFen = fen;
  }
  if (v.payLater) out.payLater = 1;
  return out;
}

/** What a booked visit's record (priorities given, reduction in yuan) contributes to the counters. */
export function bookedVisitCounts(given: readonly string[] | undefined, feeReductionYuan: number | undefined): Partial<GreenChannelCounts> {
  const out: Partial<GreenChannelCounts> = {};
  for (const g of given ?? []) {
    const kind = bookedPriorityKind[g as keyof typeof bookedPriorityKind];
    if (!kind) continue;
    const counter = kind === 'escort' ? 'escorts' : priorityCounter[kind];
    out[counter] = 1;
  }
  const fen = Math.round((feeReductionYuan ?? 0) * 100);
  if (fen > 0) {
    out.reductionVisits = 1;
    out.reductionFen = fen;
  }
  return out;
}

/** `to - from`, keeping only counters that move. */
export function countsDelta(from: Partial<GreenChannelCounts>, to: Partial<GreenChannelCounts>): Partial<GreenChannelCounts> {
  const out: Partial<GreenChannelCounts> = {};
  for (const c of greenChannelCounters) {
    const d = (to[c] ?? 0) - (from[c] ?? 0);
    if (d) out[c] = d;
  }
  return out;
}

