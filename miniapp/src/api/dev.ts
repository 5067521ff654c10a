// zod straight from 'zod/mini' (not the `z` re-exported by '@domain'), so webpack tracks exactly
// which schema builders the app uses.
import * as z from 'zod/mini';
import { publicCall } from './parse';

/**
 * Local-stage stand-ins for WeChat, served only by the local runtime (never in production). They
 * are not part of the product's contract, so their shapes live here rather than in domain/.
 */
export const DevPersona = z.object({
  openid: z.string(),
  name: z.string(),
  role: z.string(),
  label: z.string(),
  description: z.string(),
});
export type DevPersona = z.infer<typeof DevPersona>;

const DevPersonaList = z.array(DevPersona);
const DevLoginCode = z.object({ code: z.string() });

export function listDevPersonas(): Promise<DevPersona[]> {
  return publicCall('GET', '/__dev/personas', DevPersonaList);
}

/** What wx.login would give on a phone: a single-use code for this persona's openid. */
export async function devLoginCode(openid: string): Promise<string> {
  const { code } = await publicCall('POST', '/__dev/wechat/login', DevLoginCode, { body: { openid } });
  return code;
}
