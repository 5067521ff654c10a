import * as z from './zod';
import { TownshipId } from './common';

/**
 * The county's townships (乡镇), as the county commission keeps them: a county sometimes merges or
 * adds one (乡镇撤并), and an import accepts only townships the county has.
 *
 * A new township's id is typed, not generated: it is `t_` and the township's 9-digit statistical
 * division code (统计用区划代码, the first 9 digits of the 12-digit code), which the county office
 * has from the statistics bureau. The register's 乡镇编号 column names townships by id, so an id
 * the office already knows is one it can fill in without copying an opaque string; the code is
 * unique nationwide, so two counties cannot take the same id; and it stays when only the name
 * changes (a rename keeps the id, the families and their figures).
 */
export const TownshipCode = z.string('请填写乡镇区划代码').check(z.trim(), z.regex(/^\d{9}$/, '乡镇区划代码是 9 位数字，例如 130534100'));
export const TownshipName = z
  .string('请填写乡镇名称')
  .check(z.trim(), z.minLength(2, '请填写乡镇名称，例如：城关镇'), z.maxLength(20, '乡镇名称不能超过 20 个字'), z.regex(/^[\u4e00-\u9fa5·]+$/, '乡镇名称只用汉字，例如：城关镇'));

/** The id a township with this statistical division code gets. */
export const townshipIdOfCode = (code: string) => `t_${code}`;

export const AddTownshipRequest = z.strictObject({ code: TownshipCode, name: TownshipName });
export type AddTownshipRequest = z.infer<typeof AddTownshipRequest>;

export const RenameTownshipRequest = z.strictObject({ name: TownshipName });
export type RenameTownshipRequest = z.infer<typeof RenameTownshipRequest>;

export const TownshipPath = z.strictObject({ townshipId: TownshipId });

export const CountyTownship = z.object({
  townshipId: z.string(),
  name: z.string(),
  /** Families registered there now: a township being merged away still shows its families. */
  families: z.number(),
});
export type CountyTownship = z.infer<typeof CountyTownship>;

export const CountyTownshipsResponse = z.object({ items: z.array(CountyTownship) });
export type CountyTownshipsResponse = z.infer<typeof CountyTownshipsResponse>;
