import * as z from '../zod';

/** A required short text, trimmed: its messages name the field (请填写… / …不能超过 n 个字). */
export const ShortText = (max: number, what: string) =>
  z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}不能超过 ${max} 个字`));
