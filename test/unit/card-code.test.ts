import { createHmac, randomBytes } from 'node:crypto';
import { CARD_TOKEN_TTL_SECONDS, CardCode } from '../../domain';
import { readCardCode, signCardCode, type CardCodeRefusal } from '../../functions/lib/auth/card-code';
import { qrCode } from '../../miniapp/src/packages/family/card/qr';

const key = randomBytes(32);
const now = new Date('2030-06-28T02:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const refusal = (fn: () => unknown): CardCodeRefusal | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { reason?: CardCodeRefusal }).reason;
  }
};
/** A code with chosen fields, correctly signed: shows which checks hold beyond the signature. */
function signedBody(body: string): string {
  const mac = createHmac('sha256', key).update(body).digest().subarray(0, 12);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of mac) bits += b.toString(2).padStart(8, '0');
  bits = bits.padEnd(100, '0');
  let out = '';
  for (let i = 0; i < 100; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return `${body}.${out}`;
}

describe('service card code', () => {
  const { content, exp } = signCardCode(key, { familyId: 'f_0001', version: 1 }, now);

  test('is short, upper-case alphanumeric, and reads back', () => {
    expect(content.length).toBeLessThan(100);
    expect(content).toMatch(/^LX1\.[0-9A-Z.]+$/);
    expect(exp - Math.floor(now.getTime() / 1000)).toBe(CARD_TOKEN_TTL_SECONDS);
    expect(readCardCode(key, content, later(60))).toEqual({ familyId: 'f_0001', version: 1, iat: exp - CARD_TOKEN_TTL_SECONDS, exp });
    // Typed or pasted in lower case, with spaces around, it is still the same code.
    expect(readCardCode(key, `  ${content.toLowerCase()} `, now).familyId).toBe('f_0001');
  });

  test('a long imported family id stays well under 100 characters', () => {
    const long = signCardCode(key, { familyId: 'f_QH2025000123456789', version: 12 }, now).content;
    expect(long.length).toBeLessThan(100);
    expect(readCardCode(key, long, now)).toMatchObject({ familyId: 'f_QH2025000123456789', version: 12 });
  });

  test('expired: at and after its expiry', () => {
    expect(refusal(() => readCardCode(key, content, later(CARD_TOKEN_TTL_SECONDS)))).toBe('expired');
    expect(refusal(() => readCardCode(key, content, later(CARD_TOKEN_TTL_SECONDS - 1)))).toBeUndefined();
  });

  test('not yet valid: issued more than a minute in the future', () => {
    expect(refusal(() => readCardCode(key, content, later(-61)))).toBe('notYetValid');
    expect(refusal(() => readCardCode(key, content, later(-30)))).toBeUndefined();
  });

  test('wrong signature: another key, another family under this signature, a changed expiry', () => {
    expect(refusal(() => readCardCode(randomBytes(32), content, now))).toBe('signature');
    const other = signCardCode(key, { familyId: 'f_0002', version: 1 }, now).content;
    const swapped = [...content.split('.').slice(0, 5), other.split('.')[5]].join('.');
    expect(refusal(() => readCardCode(key, swapped, now))).toBe('signature');
    const parts = content.split('.');
    const longer = [parts[0], parts[1], parts[2], parts[3], (exp + 3600).toString(36).toUpperCase(), parts[5]].join('.');
    expect(refusal(() => readCardCode(key, longer, now))).toBe('signature');
  });

  test.each([
    ['empty', ''],
    ['the old JWS format', 'LXCARD1.eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmXzAwMDEifQ.c2ln'],
    ['a web address', 'https://example.com/card'],
    ['a field missing', 'LX1.GAYDAMI.1.TBK2QO.AAAAAAAAAAAAAAAAAAAA'],
    ['a short signature', 'LX1.GAYDAMI.1.TBK2QO.TBK3FW.AAAAAAAAAAAAAAAAAAA'],
    ['a character outside base32 in the family', 'LX1.GAYD0MI.1.TBK2QO.TBK3FW.AAAAAAAAAAAAAAAAAAAA'],
  ])('malformed: %s', (_label, text) => {
    expect(refusal(() => readCardCode(key, text, now))).toBe('malformed');
  });

  test('signed but not a shape we issue: non-canonical base32, longer-lived than issued, expiry before issue', () => {
    const iat = Math.floor(now.getTime() / 1000);
    const t = (n: number) => n.toString(36).toUpperCase();
    // 'GAYDAMJ' decodes like 'GAYDAMI' but leaves a set padding bit.
    expect(refusal(() => readCardCode(key, signedBody(`LX1.GAYDAMJ.1.${t(iat)}.${t(iat + 60)}`), now))).toBe('malformed');
    expect(refusal(() => readCardCode(key, signedBody(`LX1.GAYDAMI.1.${t(iat)}.${t(iat + CARD_TOKEN_TTL_SECONDS + 1)}`), now))).toBe('malformed');
    expect(refusal(() => readCardCode(key, signedBody(`LX1.GAYDAMI.1.${t(iat)}.${t(iat)}`), now))).toBe('malformed');
    expect(readCardCode(key, signedBody(`LX1.GAYDAMI.1.${t(iat)}.${t(iat + 60)}`), now).familyId).toBe('f_0001');
  });

  test('the request schema refuses an empty code and a non-code plainly, and upper-cases a pasted one', () => {
    expect(CardCode.safeParse(' ').error?.issues[0]?.message).toBe('请扫描或粘贴服务卡二维码');
    expect(CardCode.safeParse('LXCARD1.x').error?.issues[0]?.message).toBe('服务卡二维码无效');
    expect(CardCode.parse(` ${content.toLowerCase()} `)).toBe(content);
  });

  test('draws a sparse QR: alphanumeric mode, version 3 (29 modules) at level M', () => {
    expect(qrCode(content).getModuleCount()).toBe(29);
    // The JWS it replaced: 331 bytes needed 65 modules even at level L.
    expect(qrCode(`LXCARD1.${'x'.repeat(323)}`).getModuleCount()).toBeGreaterThanOrEqual(65);
  });
});
