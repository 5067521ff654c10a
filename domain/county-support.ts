import * as z from './zod';
import { CallablePhone } from './common';
import { FamilyType } from './families';
import { CountyExtra } from './entitlements';

/**
 * The county's own support measures (帮扶措施) as its commission keeps them. Until a county officer
 * has saved the list once, the county has only the built-in draft (`defaultCountySupport`), which
 * families are NOT shown: it names measures (a waived fee, 120 transfer) that a given county may
 * not offer, and a family must never be promised what its county does not give. Saving the list
 * (even unchanged) is the confirmation.
 */

const text = (label: string, min: number, max: number) =>
  z.string(`请填写${label}`).check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 个字`));

export const MAX_COUNTY_MEASURES = 20;
export const MEASURE_MAX_AGE = 120;

/** Ids the server gives (`cm_` + hex) or the draft's own (e.g. free_consult_fee). */
export const MeasureId = z.string('措施编号格式不正确').check(z.regex(/^[a-z][a-z0-9_]{1,39}$/, '措施编号格式不正确'));

export const MeasureInput = z.strictObject({
  /** Absent for a new measure (the server gives it an id); present to keep an existing one's. */
  id: z.optional(MeasureId),
  title: text('措施名称', 2, 30),
  detail: text('措施内容', 4, 200),
  appliesTo: z.optional(
    z.strictObject({
      familyTypes: z.optional(z.array(z.enum(FamilyType.options, '请选择家庭类型')).check(z.minLength(1, '请至少选择一种家庭类型'))),
      povertyOnly: z.optional(z.boolean('请选择是否仅限建档立卡家庭')),
      minAge: z.optional(z.int('年龄须为整数').check(z.minimum(0, '年龄不能小于 0'), z.maximum(MEASURE_MAX_AGE, `年龄不能超过 ${MEASURE_MAX_AGE}`))),
    }),
  ),
  contact: z.optional(z.strictObject({ name: text('联系单位或联系人', 2, 30), phone: CallablePhone })),
});
export type MeasureInput = z.infer<typeof MeasureInput>;

/** 0 when the county has no list of its own yet (only the draft). */
const SupportVersion = z.int('版本号不正确').check(z.minimum(0, '版本号不正确'));

export const CountySupportPutRequest = z
  .strictObject({
    version: SupportVersion,
    extras: z.array(MeasureInput, '请提供措施清单').check(z.maxLength(MAX_COUNTY_MEASURES, `措施最多 ${MAX_COUNTY_MEASURES} 项`)),
  })
  .check(
    z.superRefine((v, ctx) => {
      const ids = new Set<string>();
      const titles = new Set<string>();
      v.extras.forEach((e, i) => {
        if (e.id && ids.has(e.id)) ctx.issues.push({ code: 'custom', message: '措施编号重复', path: ['extras', i, 'id'], input: v });
        if (e.id) ids.add(e.id);
        if (titles.has(e.title)) ctx.issues.push({ code: 'custom', message: '措施名称重复', path: ['extras', i, 'title'], input: v });
        titles.add(e.title);
      });
    }),
  );
export type CountySupportPutRequest = z.infer<typeof CountySupportPutRequest>;

export const CountySupportResponse = z.object({
  countyId: z.string(),
  /** False: the list below is the built-in draft, not shown to families until a county officer saves it. */
  confirmed: z.boolean(),
  version: z.number(),
  extras: z.array(CountyExtra),
  updatedAt: z.optional(z.string()),
  updatedByName: z.optional(z.string()),
  /** County officers edit; township officers read. */
  canManage: z.boolean(),
});
export type CountySupportResponse = z.infer<typeof CountySupportResponse>;

export const countySupportMessages = {
  stale: '帮扶措施刚被其他人修改过，您的修改没有保存。请刷新后再改',
  townshipReadOnly: '帮扶措施由县卫健委设置，乡镇只能查看',
  unknownMeasure: '没有这项措施，请刷新后再改',
};
