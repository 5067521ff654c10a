import * as z from './zod';
import { FamilyId, IsoDate, PersonId } from './common';
import { RealDate } from './signing';

/**
 * The policy-support side of 双签约 (seed 004): the township signs a cadre to a 因病致贫 family, the
 * cadre files claims on the family's behalf (代报代办) and follows them to payment or refusal, the
 * family's doctor team sees the cost burden (with the family's health-data consent) and the cadre
 * sees the family's follow-up dates, so the two teams work from the same facts.
 */

const Fen = z.int('金额应为整数（分）').check(z.minimum(0, '金额不能为负数'), z.maximum(100_000_000, '金额过大，请核对'));

export const PolicyContractRequest = z.strictObject({
  cadreId: PersonId,
  yearlyIncomeFen: Fen,
  /** Out-of-pocket above this share of the yearly income raises the 因病致贫返贫 warning. */
  warningSharePercent: z.optional(z.int('预警比例应为整数').check(z.minimum(10, '预警比例不能低于 10%'), z.maximum(100, '预警比例不能高于 100%'))),
  startDate: RealDate,
  endDate: RealDate,
}).check(z.refine((v) => !(v.startDate && v.endDate) || v.endDate > v.startDate, { message: '结束日期应晚于开始日期', path: ['endDate'] }));
export type PolicyContractRequest = z.infer<typeof PolicyContractRequest>;

export const ClaimStatus = z.enum(['filed', 'submitted', 'paid', 'refused']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;
export const claimStatusLabels: Record<ClaimStatus, string> = { filed: '已登记待报', submitted: '已代为提交', paid: '已报销到账', refused: '未予报销' };
/** The only moves a claim makes: filed → submitted → paid or refused. */
export const claimNext: Record<ClaimStatus, readonly ClaimStatus[]> = { filed: ['submitted'], submitted: ['paid', 'refused'], paid: [], refused: [] };

export const ClaimUpdateRequest = z.strictObject({
  status: z.enum(['submitted', 'paid', 'refused'], { error: '请选择办理进度：已提交、已到账或未予报销' }),
  /** Submitted: the amount claimed. */
  claimedFen: z.optional(Fen),
  /** Paid: the amount received; it comes off the family's out-of-pocket. */
  paidFen: z.optional(Fen),
  /** Refused: why. */
  reason: z.optional(z.string().check(z.trim(), z.minLength(2, '请填写未予报销的原因'), z.maxLength(200, '原因不能超过 200 字'))),
}).check(
  z.superRefine((v, ctx) => {
    if (v.status === 'submitted' && v.claimedFen === undefined) ctx.issues.push({ code: 'custom', message: '请填写申报金额', path: ['claimedFen'], input: v });
    if (v.status === 'paid' && v.paidFen === undefined) ctx.issues.push({ code: 'custom', message: '请填写到账金额', path: ['paidFen'], input: v });
    if (v.status === 'refused' && !v.reason) ctx.issues.push({ code: 'custom', message: '请填写未予报销的原因', path: ['reason'], input: v });
  }),
);
export type ClaimUpdateRequest = z.infer<typeof ClaimUpdateRequest>;

export const CostEntryPath = z.strictObject({ familyId: FamilyId, entryId: z.string().check(z.regex(/^ce_[A-Za-z0-9]{4,40}$/, '费用记录编号格式不正确')) });

export const ClaimView = z.object({
  status: ClaimStatus,
  statusLabel: z.string(),
  claimedFen: z.optional(z.number()),
  paidFen: z.optional(z.number()),
  reason: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});
export type ClaimView = z.infer<typeof ClaimView>;

/** What the family's doctor team sees of the cost burden: totals and the warning, no entries. */
export const CostBurdenResponse = z.object({
  familyId: FamilyId,
  cadreName: z.string(),
  yearlyIncomeFen: z.number(),
  outOfPocketFen: z.number(),
  pendingClaims: z.number(),
  warning: z.boolean(),
});
export type CostBurdenResponse = z.infer<typeof CostBurdenResponse>;

/** What the policy cadre sees of the family doctor's follow-ups: dates only, no health data. */
export const PolicyFollowUpDatesResponse = z.object({
  familyId: FamilyId,
  members: z.array(z.object({ personId: PersonId, name: z.string(), cadence: z.optional(z.string()), lastCompletedOn: z.optional(IsoDate), nextDueOn: z.optional(IsoDate) })),
});
export type PolicyFollowUpDatesResponse = z.infer<typeof PolicyFollowUpDatesResponse>;

export const NOT_ILLNESS_POVERTY = '只有登记为因病致贫的家庭可以签订政策帮扶协议，请先在家庭信息中登记';
