import * as z from './zod';
import { Cursor, FamilyId, IsoDate, PersonId, TownshipId } from './common';
import { TeamRole } from './roles';
import { UploadKey } from './uploads';
import { ActedBy } from './acting';
import { contractEndDate, costPartFields, isRealDate, outOfPocketOf, PAPER_PHOTO_MAX_BYTES, SIGNATURE_MAX_BYTES } from './signing-rules';

export * from './signing-rules';

/**
 * Family-doctor signing (家庭医生签约) and the poverty programme's policy-support contract (双签约).
 * Teams serve named villages; a member applies, the team lead answers within 3 working days, and
 * acceptance creates a one-year contract the member confirms with a drawn signature.
 */

export const TeamId = z.string().check(z.regex(/^tm_[A-Za-z0-9]{3,40}$/, '团队编号格式不正确'));
export const ContractId = z.string().check(z.regex(/^ct_[A-Za-z0-9]{6,60}$/, '合同编号格式不正确'));
export const ApplicationId = z.string().check(z.regex(/^ap_[A-Za-z0-9]{6,60}$/, '申请编号格式不正确'));
export const CostEntryId = z.string().check(z.regex(/^ce_[A-Za-z0-9]{6,60}$/, '费用记录编号格式不正确'));

/** A date that exists in the calendar. */
export const RealDate = IsoDate.check(z.refine(isRealDate, '日期不存在'));

// ---- service packages ------------------------------------------------------------------------

/** What a contract promises per year, counted by the features that deliver it. */
export const ServiceKind = z.enum(['followUps', 'homeVisits', 'consultations', 'refills']);
export type ServiceKind = z.infer<typeof ServiceKind>;
export const serviceKindLabels: Record<ServiceKind, string> = {
  followUps: '随访',
  homeVisits: '上门服务',
  consultations: '在线咨询答复',
  refills: '长处方续方',
};

export const PackageId = z.enum(['basic', 'chronic', 'elderly_care', 'rehab', 'mental']);
export type PackageId = z.infer<typeof PackageId>;
export const optionalPackageIds = PackageId.options.filter((p) => p !== 'basic');

export interface ServicePackage {
  packageId: PackageId;
  name: string;
  /** Yuan per year the family pays; the basic package is free for special families. */
  feeYuan: number;
  contents: string[];
  promises: Partial<Record<ServiceKind, number>>;
}

/** The county's package catalogue (seeds 000/001: basic package free for special families). */
export const servicePackages: Record<PackageId, ServicePackage> = {
  basic: {
    packageId: 'basic',
    name: '基础服务包',
    feeYuan: 0,
    contents: ['建立并维护健康档案', '每月随访或电话问候一次', '每季度上门服务一次', '在线健康咨询', '慢性病长处方续方', '优先预约转诊'],
    promises: { followUps: 12, homeVisits: 4, consultations: 12, refills: 4 },
  },
  chronic: {
    packageId: 'chronic',
    name: '慢性病管理包',
    feeYuan: 60,
    contents: ['高血压、糖尿病每季度面对面随访', '每年一次血糖、血脂、肾功能检查', '用药指导'],
    promises: { followUps: 4 },
  },
  elderly_care: {
    packageId: 'elderly_care',
    name: '居家照护包',
    feeYuan: 120,
    contents: ['护士每月上门一次', '压疮、跌倒风险评估', '居家护理指导'],
    promises: { homeVisits: 12 },
  },
  rehab: {
    packageId: 'rehab',
    name: '康复服务包',
    feeYuan: 100,
    contents: ['康复评估', '每季度康复训练指导', '辅具使用指导'],
    promises: { homeVisits: 4 },
  },
  mental: {
    packageId: 'mental',
    name: '心理关爱包',
    feeYuan: 0,
    contents: ['心理咨询师每季度谈心一次', '情绪评估', '节日和纪念日关怀'],
    promises: { followUps: 4 },
  },
};

/** A contract's yearly promise: the sum over its packages. */
export function promisesOf(packageIds: readonly PackageId[]): Record<ServiceKind, number> {
  const out: Record<ServiceKind, number> = { followUps: 0, homeVisits: 0, consultations: 0, refills: 0 };
  for (const id of packageIds) {
    for (const [kind, n] of Object.entries(servicePackages[id].promises)) out[kind as ServiceKind] += n;
  }
  return out;
}

// ---- terminations --------------------------------------------------------------------------

export const TerminationReason = z.enum(['moved_out', 'unreachable_one_year', 'refused_one_year', 'member_request', 'death']);
export type TerminationReason = z.infer<typeof TerminationReason>;
export const terminationReasonLabels: Record<TerminationReason, string> = {
  moved_out: '迁出服务区域',
  unreachable_one_year: '连续一年联系不上',
  refused_one_year: '连续一年拒绝服务',
  member_request: '本人申请解约',
  death: '死亡',
};

// ---- teams -----------------------------------------------------------------------------------

export const TeamMemberView = z.object({
  personId: PersonId,
  name: z.string(),
  role: TeamRole,
  title: z.string(),
  organisation: z.string(),
  phone: z.string(),
  isLead: z.boolean(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const TeamView = z.object({
  teamId: TeamId,
  name: z.string(),
  /** 1+1+1 form of the poverty programme: village doctor, township GP, county specialist. */
  povertyForm: z.boolean(),
  villageNames: z.array(z.string()),
  members: z.array(TeamMemberView),
});
export type TeamView = z.infer<typeof TeamView>;

export const PackageView = z.object({
  packageId: PackageId,
  name: z.string(),
  feeYuan: z.number(),
  contents: z.array(z.string()),
});
export type PackageView = z.infer<typeof PackageView>;

// ---- contracts -------------------------------------------------------------------------------

export const ContractStatus = z.enum(['active', 'renewed', 'terminated']);
export type ContractStatus = z.infer<typeof ContractStatus>;

export const PerformanceRow = z.object({
  kind: ServiceKind,
  label: z.string(),
  promisedPerYear: z.number(),
  dueSoFar: z.number(),
  done: z.number(),
});
export type PerformanceRow = z.infer<typeof PerformanceRow>;

export const ContractView = z.object({
  contractId: ContractId,
  memberId: PersonId,
  memberName: z.string(),
  familyId: FamilyId,
  teamId: TeamId,
  teamName: z.string(),
  doctorId: PersonId,
  doctorName: z.string(),
  packages: z.array(PackageView),
  startDate: IsoDate,
  endDate: IsoDate,
  status: ContractStatus,
  /** True once the end date has passed without renewal. */
  lapsed: z.boolean(),
  renewable: z.boolean(),
  /** signature: drawn in the app; tap: renewal in one tap; paper: signed on paper before the app. */
  confirmation: z.optional(
    z.object({
      kind: z.enum(['signature', 'tap', 'paper']),
      at: z.string(),
      byName: z.string(),
      /** Who confirmed it for the family (a paper form photographed by the doctor's team): "由…代办". */
      actedBy: z.optional(ActedBy),
    }),
  ),
  termination: z.optional(z.object({ reason: TerminationReason, reasonLabel: z.string(), date: IsoDate })),
  performance: z.array(PerformanceRow),
});
export type ContractView = z.infer<typeof ContractView>;

export const MemberContractResponse = z.object({
  current: z.optional(ContractView),
  history: z.array(ContractView),
});
export type MemberContractResponse = z.infer<typeof MemberContractResponse>;

export const ContractPath = z.strictObject({ familyId: FamilyId, memberId: PersonId, contractId: ContractId });

/** Optional dates when a contract is made; by default it runs a year from today. */
export const ContractDates = z.strictObject({
  startDate: z.optional(RealDate),
  endDate: z.optional(RealDate),
}).check(
  z.superRefine((v, ctx) => {
    if (!v.endDate) return;
    if (!v.startDate) {
      ctx.issues.push({ code: 'custom', message: '填写结束日期时也要填写开始日期', path: ['startDate'], input: v });
      return;
    }
    if (v.endDate <= v.startDate) ctx.issues.push({ code: 'custom', message: '结束日期应晚于开始日期', path: ['endDate'], input: v });
    else if (v.endDate > contractEndDate(v.startDate)) ctx.issues.push({ code: 'custom', message: '签约期限最长一年', path: ['endDate'], input: v });
  }),
);
export type ContractDates = z.infer<typeof ContractDates>;

/** Renewal takes no choices: the tap is the confirmation. */
export const RenewRequest = z.strictObject({});

export const TerminateRequest = z.strictObject({ reason: TerminationReason, date: RealDate });
export type TerminateRequest = z.infer<typeof TerminateRequest>;

export const ChangeTeamRequest = z.strictObject({ teamId: TeamId, reason: TerminationReason, date: RealDate });
export type ChangeTeamRequest = z.infer<typeof ChangeTeamRequest>;

/**
 * The drawn signature goes from the phone straight to S3 with a presigned POST (at most 1 MB, PNG
 * or JPEG); the confirmation then names the uploaded key, and the server checks the stored object
 * (size, and the magic bytes, not the declared type) before it records the confirmation.
 */
export const signatureContentTypes = ['image/png', 'image/jpeg'] as const;
/**
 * `kind: 'paper'`: instead of the signature drawn in the app, a photo of the form the member
 * signed on paper, uploaded and confirmed by the contract's team acting for the family (代办);
 * a photo may be up to 5 MB, a drawn signature 1 MB.
 */
export const ConfirmationImageKind = z.enum(['signature', 'paper'], '上传类型应为签名或纸质签约照片');
export const SignatureUploadRequest = z.strictObject({
  kind: z.optional(ConfirmationImageKind),
  contentType: z.enum(signatureContentTypes, '签名应为 PNG 或 JPEG 图片'),
  size: z.int('图片大小不正确').check(z.minimum(1, '签名图片是空的'), z.maximum(PAPER_PHOTO_MAX_BYTES, '照片不能超过 5 MB')),
}).check(
  z.superRefine((v, ctx) => {
    if (v.kind !== 'paper' && typeof v.size === 'number' && v.size > SIGNATURE_MAX_BYTES) {
      ctx.issues.push({ code: 'custom', message: '签名图片不能超过 1 MB', path: ['size'], input: v });
    }
  }),
);
export type SignatureUploadRequest = z.infer<typeof SignatureUploadRequest>;

export const SignatureRequest = z.strictObject({ key: UploadKey, kind: z.optional(ConfirmationImageKind) });
export type SignatureRequest = z.infer<typeof SignatureRequest>;

/** The stored signature (or photo of the paper form): a short-lived URL to fetch the image from, and when it was given. */
export const SignatureView = z.object({ contractId: ContractId, at: z.string(), url: z.string(), kind: z.optional(ConfirmationImageKind) });
export type SignatureView = z.infer<typeof SignatureView>;

// ---- applications ----------------------------------------------------------------------------

export const SigningApplicationRequest = z.strictObject({
  memberId: PersonId,
  /** Optional packages on top of the basic one, which every contract includes. */
  optionalPackages: z.optional(z.array(PackageId).check(z.maxLength(4, '最多选择 4 个可选服务包'))),
});
export type SigningApplicationRequest = z.infer<typeof SigningApplicationRequest>;

export const ApplicationDeclineRequest = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(2, '请写明不能签约的原因'), z.maxLength(100, '原因不能超过 100 个字')),
});
export type ApplicationDeclineRequest = z.infer<typeof ApplicationDeclineRequest>;

export const ApplicationPath = z.strictObject({ memberId: PersonId, applicationId: ApplicationId });

export const SigningState = z.enum(['none', 'applied', 'signed', 'declined', 'terminated']);
export type SigningState = z.infer<typeof SigningState>;

export const ApplicationView = z.object({
  applicationId: ApplicationId,
  memberId: PersonId,
  familyId: FamilyId,
  memberName: z.string(),
  age: z.number(),
  villageName: z.string(),
  teamName: z.string(),
  packages: z.array(PackageView),
  submittedAt: z.string(),
  deadline: IsoDate,
  overdue: z.boolean(),
  status: z.enum(['pending', 'accepted', 'declined']),
  declineReason: z.optional(z.string()),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const MemberSigningStatus = z.object({
  personId: PersonId,
  name: z.string(),
  relation: z.string(),
  state: SigningState,
  application: z.optional(ApplicationView),
  contractId: z.optional(ContractId),
  endDate: z.optional(IsoDate),
});
export type MemberSigningStatus = z.infer<typeof MemberSigningStatus>;

export const FamilySigningResponse = z.object({
  familyId: FamilyId,
  villageName: z.string(),
  team: z.optional(TeamView),
  packages: z.array(PackageView),
  members: z.array(MemberSigningStatus),
});
export type FamilySigningResponse = z.infer<typeof FamilySigningResponse>;

export const TeamApplicationsResponse = z.object({ items: z.array(ApplicationView), nextCursor: z.optional(Cursor) });
export type TeamApplicationsResponse = z.infer<typeof TeamApplicationsResponse>;

export const ExpiringContract = z.object({
  contractId: ContractId,
  memberId: PersonId,
  familyId: FamilyId,
  memberName: z.string(),
  villageName: z.string(),
  endDate: IsoDate,
  daysLeft: z.number(),
});
export type ExpiringContract = z.infer<typeof ExpiringContract>;

export const ExpiringContractsResponse = z.object({ teamName: z.string(), items: z.array(ExpiringContract) });
export type ExpiringContractsResponse = z.infer<typeof ExpiringContractsResponse>;

// ---- coverage --------------------------------------------------------------------------------

export const SigningCoverageFigures = z.object({
  /** Members who applied or are signed: "those who want it". */
  wanting: z.number(),
  signed: z.number(),
  /** Signed contracts ending within the renewal window (or lapsed). */
  expiringSoon: z.number(),
  overdueApplications: z.number(),
});
export type SigningCoverageFigures = z.infer<typeof SigningCoverageFigures>;

export const CoverageResponse = z.object({
  asOf: IsoDate,
  totals: SigningCoverageFigures,
  townships: z.array(z.object({ townshipId: TownshipId, townshipName: z.string(), ...SigningCoverageFigures.shape })),
  overdue: z.array(z.object({ memberName: z.string(), villageName: z.string(), teamName: z.string(), deadline: IsoDate })),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;

export const CoverageQuery = z.strictObject({ townshipId: z.optional(TownshipId) });

// ---- policy support and the medical-cost ledger (双签约) ------------------------------------

const Fen = z.int('金额应为整数（分）').check(z.minimum(0, '金额不能为负数'), z.maximum(100_000_000, '金额过大，请核对'));

export const CostEntryRequest = z.strictObject({
  memberId: PersonId,
  visitDate: RealDate,
  place: z.string().check(z.trim(), z.minLength(2, '请填写就诊医院'), z.maxLength(40, '医院名称不能超过 40 个字')),
  totalFen: Fen,
  basicInsuranceFen: Fen,
  seriousIllnessFen: Fen,
  medicalAssistanceFen: Fen,
  commercialFen: Fen,
  /** If given it must equal the total less the paid parts; computed otherwise. */
  outOfPocketFen: z.optional(Fen),
  /** Whether a claim is still being handled on the family's behalf (代报代办). */
  claimPending: z.boolean('请选择报销是否办结'),
}).check(
  z.superRefine((v, ctx) => {
    // Only compare sums once every amount is a valid number; the field errors say the rest.
    if (![v.totalFen, ...costPartFields.map((f) => v[f])].every((n) => Number.isInteger(n) && n >= 0)) return;
    const oop = outOfPocketOf(v);
    if (oop < 0) {
      ctx.issues.push({ code: 'custom', message: '各项报销合计超过了总费用', path: ['totalFen'], input: v });
    } else if (v.outOfPocketFen !== undefined && v.outOfPocketFen !== oop) {
      ctx.issues.push({ code: 'custom', message: `自付金额应为总费用减去各项报销，即 ${(oop / 100).toFixed(2)} 元`, path: ['outOfPocketFen'], input: v });
    }
  }),
);
export type CostEntryRequest = z.infer<typeof CostEntryRequest>;

export const CostEntryView = z.object({
  entryId: CostEntryId,
  memberId: PersonId,
  memberName: z.string(),
  visitDate: IsoDate,
  place: z.string(),
  totalFen: z.number(),
  basicInsuranceFen: z.number(),
  seriousIllnessFen: z.number(),
  medicalAssistanceFen: z.number(),
  commercialFen: z.number(),
  outOfPocketFen: z.number(),
  claimPending: z.boolean(),
  /** The claim's progress (代报代办); absent: nothing to claim. */
  claim: z.optional(z.object({ status: z.enum(['filed', 'submitted', 'paid', 'refused']), statusLabel: z.string(), claimedFen: z.optional(z.number()), paidFen: z.optional(z.number()), reason: z.optional(z.string()), updatedAt: z.optional(z.string()) })),
  enteredByName: z.string(),
  enteredAt: z.string(),
});
export type CostEntryView = z.infer<typeof CostEntryView>;

export const PolicyFamilySummary = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  cadreName: z.string(),
  yearlyIncomeFen: z.number(),
  warningSharePercent: z.number(),
  totalFen: z.number(),
  outOfPocketFen: z.number(),
  pendingClaims: z.number(),
  /** 因病致贫返贫 warning: out-of-pocket above the share of yearly income. */
  warning: z.boolean(),
});
export type PolicyFamilySummary = z.infer<typeof PolicyFamilySummary>;

export const PolicyFamiliesResponse = z.object({ items: z.array(PolicyFamilySummary) });
export type PolicyFamiliesResponse = z.infer<typeof PolicyFamiliesResponse>;

export const LedgerResponse = z.object({
  summary: PolicyFamilySummary,
  members: z.array(z.object({ personId: PersonId, name: z.string() })),
  entries: z.array(CostEntryView),
});
export type LedgerResponse = z.infer<typeof LedgerResponse>;
