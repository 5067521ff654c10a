import * as z from '../zod';
import { FamilyId, IsoDate, PersonId } from '../common';
import { addDays, daysBetween, formatChineseDate } from '../time';
import { ShortText } from './text';
import { MedicineName, Stability } from './health-file';

/** Long prescriptions (长处方) and refills (续方): the request, the rules, the records. */

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
