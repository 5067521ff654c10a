import * as z from './zod';

/** Every id is `<prefix>_<letters/digits>`; the prefix says what kind of thing it names. */
export const idPrefixes = {
  person: 'p',
  family: 'f',
  county: 'c',
  city: 'city',
  township: 't',
  village: 'v',
  team: 'tm',
  org: 'org',
} as const;

const idPattern = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9]{4,40}$`);

export const PersonId = z.string().check(z.regex(idPattern(idPrefixes.person), '人员编号格式不正确'));
export const FamilyId = z.string().check(z.regex(idPattern(idPrefixes.family), '家庭编号格式不正确'));
export const CountyId = z.string().check(z.regex(idPattern(idPrefixes.county), '县区编号格式不正确'));
export const TownshipId = z.string().check(z.regex(idPattern(idPrefixes.township), '乡镇编号格式不正确'));
export const VillageId = z.string().check(z.regex(idPattern(idPrefixes.village), '村社区编号格式不正确'));
export const CityId = z.string().check(z.regex(idPattern(idPrefixes.city), '市编号格式不正确'));
export const RegionId = z.union([CountyId, TownshipId, CityId]);

/** Mainland mobile number, 11 digits starting with 1. */
export const MobilePhone = z.string().check(z.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号码'));
/** A phone people may call: a mobile or a landline with area code (0xxx-xxxxxxx). */
export const CallablePhone = z.string().check(
  z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|120)$/, '电话号码格式不正确'),
);

/** Chinese personal names are 2-4 characters in practice; allow middle dots for minority names. */
export const PersonName = z.string().check(
  z.trim(),
  z.minLength(2, '请填写姓名'),
  z.maxLength(20, '姓名不能超过 20 个字'),
  z.regex(/^[\u4e00-\u9fa5·A-Za-z]+$/, '姓名只能包含汉字'),
);

/** Last six characters of an 18-character resident ID: five digits and a digit or X. */
export const IdLast6 = z.string().check(z.regex(/^\d{5}[\dXx]$/, '请填写身份证号后 6 位（最后一位可以是 X）'));

/** Calendar date in Beijing time, YYYY-MM-DD. */
export const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));
/** Instant with an explicit offset, e.g. 2026-11-22T09:30:00+08:00. */
export const IsoInstant = z.string().check(z.iso.datetime({ offset: true, error: '时间格式不正确' }));

/** Opaque pagination cursor handed back by list routes. */
export const Cursor = z.string().check(z.minLength(1), z.maxLength(512, '翻页标记过长'), z.regex(/^[A-Za-z0-9_-]+$/, '翻页标记格式不正确'));
export const PageQuery = z.strictObject({
  cursor: z.optional(Cursor),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, '每页数量应为 1 到 100 的整数')),
      z.transform((s) => Number(s)),
    ).check(z.minimum(1, '每页数量至少为 1'), z.maximum(100, '每页数量最多为 100')),
  ),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;

/** A POST or PUT that takes no fields (the action is in the path); anything sent is refused. */
export const EmptyBody = z.strictObject({});
