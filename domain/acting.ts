import * as z from './zod';
import { FamilyId, PersonId } from './common';

/**
 * Acting on a family's behalf (代办): many elders have no smartphone, so the family's contact
 * persons and the signed doctor's team may book, ask for a bed or a refill, raise a request or
 * record the quarterly survey face to face for them. Every such write carries who acted, the
 * family sees it ("由王桂兰代办"), it enters the family's access log, and the family's members who
 * use WeChat are told. A family may ask that nobody acts for it.
 */

/** Who acted, stamped on every item written on the family's behalf. */
export const ActedBy = z.object({
  staffId: PersonId,
  name: z.string(),
  role: z.enum(['contact', 'doctor']),
});
export type ActedBy = z.infer<typeof ActedBy>;

/** What the family sees on the item: "由王桂兰代办". */
export const actedByLabel = (actedBy: { name: string }): string => '由' + actedBy.name + '代办';

export const ActingAction = z.enum(['book', 'reschedule', 'cancel', 'admission', 'refill', 'request', 'survey', 'paperContract']);
export type ActingAction = z.infer<typeof ActingAction>;
export const actingActionLabels: Record<ActingAction, string> = {
  book: '预约优先号',
  reschedule: '改约',
  cancel: '取消预约',
  admission: '申请住院床位',
  refill: '申请续方',
  request: '提交诉求',
  survey: '入户调查',
  paperContract: '纸质签约',
};

/** The family's own setting: whether staff may act for it. Absent means they may. */
export const ActingSetting = z.object({
  /** The family asked that nobody acts for it. */
  refused: z.boolean(),
  changedAt: z.optional(z.string()),
  changedByName: z.optional(z.string()),
});
export type ActingSetting = z.infer<typeof ActingSetting>;

export const ActingSettingBody = z.strictObject({
  refused: z.boolean('请选择是否允许工作人员代办'),
});
export type ActingSettingBody = z.infer<typeof ActingSettingBody>;

/** What a contact or doctor sees before acting for a family: who is in it and whether they may. */
export const ActingFamilyView = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  members: z.array(z.object({ personId: PersonId, name: z.string(), relation: z.string() })),
  refused: z.boolean(),
});
export type ActingFamilyView = z.infer<typeof ActingFamilyView>;

export const actingMessages = {
  refused: '这户家庭已选择不让工作人员代办，请由家庭成员本人办理，或上门帮助他们自己操作',
  notAssigned: '您不是这户家庭的联系人，不能代办',
  notSigned: '这位居民没有与您或您的团队签约，不能代办',
  role: '只有联系人和签约医生团队可以代办',
  noMember: '这户家庭没有这位成员',
} as const;
