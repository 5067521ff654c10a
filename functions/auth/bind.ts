import { BIND_ATTEMPTS_PER_HOUR, BindRequest, type BindResponse, beijingWhen, errorCodes, idLast6Matches, sameName, toBeijingIso } from '../../domain';
import { sessionFor } from '../lib/auth/session';
import { InvalidTokenError, verifyBindTicket } from '../lib/auth/tokens';
import { blindIndex, decryptField, fingerprint } from '../lib/crypto/field-crypto';
import { keys } from '../lib/db/keys';
import { type LockTarget, recordFailure, takeTry } from '../lib/db/bind-lock';
import { getFamilyRecord } from '../lib/db/families';
import type { PersonItem } from '../lib/db/items';
import { AlreadyBoundError, bindOpenid, findPersonsByPhoneIndex, getBinding } from '../lib/db/persons';
import { clearAttempts, takeAttempt } from '../lib/db/rate-limit';
import { ApiHttpError, conflict, tooManyRequests, unauthenticated } from '../lib/http/errors';
import type { TransactItem } from '../lib/db/transact';
import { publicRouteHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';

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
 * Refused before the proof is looked at, right answers too: the identity is locked. The message
 * is the same for a locked phone and a locked person, so it confirms nothing about who is registered.
 */
const locked = (until: Date) =>
  tooManyRequests(`核对错误次数过多，为保护您的信息安全，已暂停绑定。请在 ${beijingWhen(until)} 以后再试，或请村（社区）联系人帮忙。`);

/**
 * First-time binding: the WeChat user proves they are an imported person by name, the last six
 * characters of the ID number and the phone on record. Every try counts against three limits, each
 * taken before the check so parallel tries cannot get round them: five an hour per WeChat user,
 * and five wrong an hour per phone number and per person the answers name (bind-lock.ts), which
 * then lock that identity for every WeChat account and tell the person's contacts. A failure does
 * not say which of the three answers was wrong, nor whether the person is already bound.
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

  const phoneIndex = await blindIndex('phone', body.phone);
  const candidates = await findPersonsByPhoneIndex(phoneIndex);
  // The persons these answers claim to be: registered with this phone under this name.
  const named = candidates.filter((p) => sameName(p.name, body.name));
  const targets: LockTarget[] = [{ kind: 'phone', phoneIndex }, ...named.map((p): LockTarget => ({ kind: 'person', personId: p.personId }))];
  for (const target of targets) {
    const taken = await takeTry(target, now);
    if (!taken.allowed) throw locked(taken.until);
  }

  let match: (typeof candidates)[number] | undefined;
  for (const person of named) {
    const idNumber = await decryptField(person.idNumberEnc, `${person.personId}:id_number`);
    if (idLast6Matches(idNumber, body.idLast6)) {
      match = person;
      break;
    }
  }
  // A deactivated staff member proves nothing: they may no longer sign in.
  if (!match || match.openid || match.status === 'inactive') {
    await Promise.all(targets.map((t) => recordFailure(t, now, t.kind === 'person' ? lockNotices(named.find((p) => p.personId === t.personId)!, now) : undefined)));
    throw proofFailed();
  }

  try {
    await bindOpenid(openid, match.personId, toBeijingIso(now));
  } catch (err) {
    // Lost a race: another WeChat user bound this person a moment ago (or this one was bound).
    if (err instanceof AlreadyBoundError) {
      await Promise.all(targets.map((t) => recordFailure(t, now)));
      throw proofFailed();
    }
    throw err;
  }
  await clearAttempts(window);
  const bound = { ...match, openid };
  return { body: { session: await sessionFor(bound) } satisfies BindResponse };
});

/**
 * Tells a member's contact persons that their identity was locked, so a cadre can check with the
 * family (an elder who forgot the digits, or someone else trying). Staff have no contacts to tell.
 * The contacts are read only once a lock is certain to be written.
 */
function lockNotices(person: PersonItem, now: Date): (until: Date) => Promise<TransactItem[]> {
  return async (until) => {
    if (person.role !== 'member' || !person.familyId) return [];
    const record = await getFamilyRecord(person.familyId);
    return (record?.contacts ?? [])
      .filter((c) => c.kind === 'township_leader' || c.kind === 'village_cadre')
      .map((c) =>
        outboxPut(
          {
            recipientId: c.staffId,
            template: 'identity.bindLocked',
            data: { member: person.name, item: '绑定时身份核对多次错误，已暂停', time: beijingWhen(now) },
            page: 'packages/staff/families/index',
            dedupeKey: `identity.bindLocked#${person.personId}#${until.getTime()}#${c.staffId}`,
          },
          now,
        ),
      );
  };
}
