import { BIND_ATTEMPTS_PER_HOUR, BindRequest, type BindResponse, errorCodes, idLast6Matches, sameName, toBeijingIso } from '../../domain';
import { sessionFor } from '../lib/auth/session';
import { InvalidTokenError, verifyBindTicket } from '../lib/auth/tokens';
import { blindIndex, decryptField, fingerprint } from '../lib/crypto/field-crypto';
import { keys } from '../lib/db/keys';
import { AlreadyBoundError, bindOpenid, findPersonsByPhoneIndex, getBinding } from '../lib/db/persons';
import { clearAttempts, takeAttempt } from '../lib/db/rate-limit';
import { ApiHttpError, conflict, tooManyRequests, unauthenticated } from '../lib/http/errors';
import { publicRouteHandler } from '../lib/http/route-handler';

/**
 * One answer for every failed proof, including "this person is already bound to another WeChat":
 * a distinct answer there would confirm that the guessed ID digits were right.
 */
const proofFailed = () =>
  new ApiHttpError(
    400,
    errorCodes.bindingFailed,
    '姓名、身份证号后 6 位或手机号与登记的信息不一致，或这位人员已经绑定了别的微信。请核对后再试，或请村（社区）联系人帮忙。',
  );

/**
 * First-time binding: the WeChat user proves they are an imported person by name, the last six
 * characters of the ID number and the phone on record. Every try counts against a limit of five an
 * hour per WeChat user, taken before the check so parallel tries cannot get round it. A failure
 * does not say which of the three answers was wrong, nor whether the person is already bound.
 */
export const handler = publicRouteHandler('auth.bind', { body: BindRequest }, async ({ body, now }) => {
  let openid: string;
  try {
    openid = await verifyBindTicket(body.bindTicket);
  } catch (err) {
    if (err instanceof InvalidTokenError) throw unauthenticated('登录已过期，请重新登录后再绑定');
    throw err;
  }

  const window = { key: keys.bindRateLimit(fingerprint(openid)), limit: BIND_ATTEMPTS_PER_HOUR, windowSeconds: 3600 };
  const attempt = await takeAttempt(window, now);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    throw tooManyRequests(`核对次数过多，请 ${minutes} 分钟后再试，或请村（社区）联系人帮忙`);
  }

  if (await getBinding(openid)) throw conflict('这个微信已经绑定过了，请重新打开小程序');

  const candidates = await findPersonsByPhoneIndex(await blindIndex('phone', body.phone));
  let match: (typeof candidates)[number] | undefined;
  for (const person of candidates) {
    if (!sameName(person.name, body.name)) continue;
    const idNumber = await decryptField(person.idNumberEnc, `${person.personId}:id_number`);
    if (idLast6Matches(idNumber, body.idLast6)) {
      match = person;
      break;
    }
  }
  if (!match || match.openid) throw proofFailed();

  try {
    await bindOpenid(openid, match.personId, toBeijingIso(now));
  } catch (err) {
    // Lost a race: another WeChat user bound this person a moment ago (or this one was bound).
    if (err instanceof AlreadyBoundError) throw proofFailed();
    throw err;
  }
  await clearAttempts(window);
  const bound = { ...match, openid };
  return { body: { session: await sessionFor(bound, now) } satisfies BindResponse };
});
