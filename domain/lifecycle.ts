import * as z from './zod';
import { FamilyId, IsoDate, MobilePhone, PersonId, PersonName, TownshipId, VillageId } from './common';

/**
 * Keeping a family's record current: details, type, a member's death, moves, corrections and the
 * service card. Every change is one transaction that also writes a change record (变更记录) with
 * the values before and after, so the family's history keeps what was there before.
 */

const text = (label: string, min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 字`));

/** The record's version the editor read: a change made meanwhile by someone else refuses this one. */
const Version = z.number({ error: '缺少记录版本，请刷新后重试' }).check(z.int('记录版本应为整数'), z.minimum(1, '记录版本应为正整数'));

export const ChangeKind = z.enum(['details', 'family_type', 'death', 'move', 'transfer_out', 'correction', 'card_handover', 'card_revoke', 'card_reissue', 'doctor_change']);
export type ChangeKind = z.infer<typeof ChangeKind>;
export const changeKindLabels: Record<ChangeKind, string> = {
  details: '修改家庭信息',
  family_type: '变更家庭类别',
  death: '成员亡故',
  move: '迁往本县其他乡镇',
  transfer_out: '迁出本县',
  correction: '更正登记信息',
  card_handover: '送达服务卡',
  card_revoke: '服务卡挂失',
  card_reissue: '补办服务卡',
  doctor_change: '更换签约医生',
};

/** Address and the three poverty-related registrations; the type changes here too (伤残 → 失独). */
export const FamilyDetailsRequest = z.strictObject({
  version: Version,
  address: text('家庭住址', 2, 100),
  lowIncome: z.boolean({ error: '请选择是否为低保户' }),
  registeredPoor: z.boolean({ error: '请选择是否为建档立卡户' }),
  illnessPoverty: z.boolean({ error: '请选择是否因病致贫' }),
  familyType: z.enum(['bereaved', 'disabled'], { error: '请选择家庭类别：失独或伤残' }),
  /** Required when the type changes: the record must say why. */
  reason: z.optional(text('变更原因', 2, 200)),
});
export type FamilyDetailsRequest = z.infer<typeof FamilyDetailsRequest>;

/** A wrong entry corrected (name, relation, birth date, gender, phone); the old values stay in the history. */
export const MemberCorrectionRequest = z.strictObject({
  version: Version,
  name: PersonName,
  relation: text('与户主关系', 1, 10),
  birthDate: IsoDate,
  gender: z.enum(['male', 'female'], { error: '请选择性别' }),
  /** Left out: the phone stays as it is. */
  phone: z.optional(MobilePhone),
  reason: text('更正原因', 2, 200),
});
export type MemberCorrectionRequest = z.infer<typeof MemberCorrectionRequest>;

export const DeathRequest = z.strictObject({
  version: Version,
  diedOn: IsoDate,
  note: z.optional(text('备注', 1, 200)),
});
export type DeathRequest = z.infer<typeof DeathRequest>;

/** To another township of the same county: the two township contacts are handed over at once. */
export const MoveRequest = z.strictObject({
  version: Version,
  townshipId: TownshipId,
  villageId: VillageId,
  villageName: text('村（社区）名称', 1, 30),
  address: text('新住址', 2, 100),
  townshipLeaderId: PersonId,
  villageCadreId: PersonId,
});
export type MoveRequest = z.infer<typeof MoveRequest>;

export const TransferOutRequest = z.strictObject({
  version: Version,
  destination: text('迁往地', 2, 60),
  movedOn: IsoDate,
});
export type TransferOutRequest = z.infer<typeof TransferOutRequest>;

/** Who put the card (and the 联系知情卡) into the family's hands, and when. */
export const CardHandOverRequest = z.strictObject({
  version: Version,
  on: IsoDate,
  /** The contact person who handed it over; default: the caller. */
  byStaffId: z.optional(PersonId),
  card: z.boolean({ error: '请选择是否送达服务卡' }),
  infoCard: z.boolean({ error: '请选择是否送达联系知情卡' }),
}).check(z.refine((v) => v.card || v.infoCard, { message: '请至少选择一项送达的卡', path: ['card'] }));
export type CardHandOverRequest = z.infer<typeof CardHandOverRequest>;

export const CardRevokeRequest = z.strictObject({
  version: Version,
  reason: z.enum(['lost', 'damaged', 'other'], { error: '请选择挂失原因' }),
});
export type CardRevokeRequest = z.infer<typeof CardRevokeRequest>;
export const cardRevokeReasonLabels = { lost: '遗失', damaged: '损坏', other: '其他' } as const;

/** A new card with a new number; whatever card the family had stops working at once. */
export const CardReissueRequest = z.strictObject({
  version: Version,
  cardNo: z.string().check(z.trim(), z.regex(/^[A-Z0-9-]{4,24}$/, '服务卡号应为 4 到 24 位大写字母、数字或连字符')),
});
export type CardReissueRequest = z.infer<typeof CardReissueRequest>;

export const MemberDeathPath = z.strictObject({ familyId: FamilyId, memberId: PersonId });

export const LIFECYCLE_STALE = '这户家庭的信息刚被其他人修改过，您的修改没有保存。请刷新后重新填写';
export const FAMILY_TRANSFERRED = '这户家庭已迁出本县，记录只能查看，不能再修改';
