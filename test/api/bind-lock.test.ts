import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { BIND_WRONG_PER_TARGET_PER_HOUR, beijingWhen } from '../../domain';
import { blindIndex } from '../../functions/lib/crypto/field-crypto';
import { db, tableName } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/keys';
import { idNumberOf } from '../../local/seed/demo-county';
import { personItem } from '../../local/seed/seed';
import { call, wxLoginCode } from '../support/api';
import { expectApiError, freshOpenid, getItem, ownedBy, queryPartition } from './support-table';

/**
 * Wrong binding proofs are limited per identity (the person the answers name, and the phone),
 * however many WeChat accounts they come from; the identity is then locked (an hour, a day when it
 * happens again), the right answer is refused too, and the person's contact persons are told.
 * Each test plants its own unbound member (PERSON#p_tl…) in f_0003, so the one seeded unbound
 * person (auth.test.ts) is never locked.
 */
const openid = () => freshOpenid(ownedBy.bindLock.openidPrefix);
const FAMILY = 'f_0003';

interface Planted {
  personId: string;
  name: string;
  phone: string;
  idLast6: string;
}

const randomPhone = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;

async function plantMember(name: string): Promise<Planted> {
  const personId = `${ownedBy.bindLock.personPrefix}${randomInt(100000, 999999)}`;
  const phone = randomPhone();
  const base = { personId, name, role: 'member' as const, gender: 'female' as const, birthDate: '1961-03-08', familyId: FAMILY, relation: '本人' };
  await db().send(new PutCommand({ TableName: tableName(), Item: await personItem(base, phone) }));
  return { personId, name, phone, idLast6: idNumberOf(personId, base.birthDate, base.gender).slice(-6) };
}

const right = (p: Planted) => ({ name: p.name, idLast6: p.idLast6, phone: p.phone });
const wrong = (p: Planted) => ({ ...right(p), idLast6: p.idLast6 === '000000' ? '111111' : '000000' });

async function ticket(): Promise<string> {
  const res = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid()) } });
  expect(res.body.status).toBe('unbound');
  return res.body.bindTicket;
}

const bind = async (answers: { name: string; idLast6: string; phone: string }, at?: Date) =>
  call('POST', '/auth/bind', { body: { bindTicket: await ticket(), ...answers }, headers: at ? { 'x-test-now': at.toISOString() } : undefined });

const personLock = (p: Planted) => getItem(keys.bindLock(`person#${p.personId}`));
const phoneLock = async (phone: string) => getItem(keys.bindLock(`phone#${await blindIndex('phone', phone)}`));

/** The family's 双岗 contacts, who are told of a lock. */
async function dutyContacts(): Promise<string[]> {
  const items = await queryPartition(keys.familyPk(FAMILY));
  return items.filter((i) => i.entity === 'familyContact' && (i.kind === 'township_leader' || i.kind === 'village_cadre')).map((i) => i.staffId as string);
}

async function lockNotices(p: Planted): Promise<Array<Record<string, any> | undefined>> {
  const lock = await personLock(p);
  return Promise.all((await dutyContacts()).map((staffId) => getItem(keys.outbox(`identity.bindLocked#${p.personId}#${lock?.lockedUntil * 1000}#${staffId}`))));
}

const lockMessage = (until: Date) => `请在 ${beijingWhen(until)} 以后再试`;

test('the attack: four WeChat accounts guess five times each, a fifth has the right answer → refused, nobody bound', async () => {
  const target = await plantMember('柳翠英');
  const t0 = Date.now();
  const statuses: number[] = [];
  for (let account = 0; account < 4; account++) {
    for (let i = 0; i < 5; i++) statuses.push((await bind(wrong(target))).status);
  }
  // The first five wrong proofs are answered; then the person (and the phone) are locked.
  expect(statuses.slice(0, BIND_WRONG_PER_TARGET_PER_HOUR)).toEqual(Array(BIND_WRONG_PER_TARGET_PER_HOUR).fill(400));
  expect(statuses.slice(BIND_WRONG_PER_TARGET_PER_HOUR)).toEqual(Array(20 - BIND_WRONG_PER_TARGET_PER_HOUR).fill(429));

  const fifth = await bind(right(target));
  expectApiError(fifth, 429, 'too_many_requests');
  const lock = await personLock(target);
  expect(lock).toMatchObject({ lockouts: 1, tries: 0, failures: 0 });
  // Locked for an hour from the fifth wrong proof; the message says until when, in Beijing time.
  expect(lock!.lockedUntil * 1000).toBeGreaterThanOrEqual(t0 + 3600_000 - 2_000);
  expect(lock!.lockedUntil * 1000).toBeLessThanOrEqual(Date.now() + 3600_000 + 1_000);
  expect(fifth.body.message).toContain(lockMessage(new Date(lock!.lockedUntil * 1000)));
  expect(fifth.body.message).toMatch(/核对错误次数过多/);
  expect((await getItem(keys.person(target.personId)))?.openid).toBeUndefined();

  // Both 双岗 contacts are told, once each, naming the member.
  const notices = await lockNotices(target);
  expect(notices.length).toBe(2);
  for (const n of notices) expect(n).toMatchObject({ template: 'identity.bindLocked', data: { member: '柳翠英' }, page: 'packages/staff/families/index' });
});

test('twenty wrong proofs at once from five accounts: never more than five checked, one lock, one notice per contact', async () => {
  const target = await plantMember('白玉兰');
  const tickets = await Promise.all(Array.from({ length: 5 }, ticket));
  const burst = await Promise.all(
    tickets.flatMap((t) => Array.from({ length: 4 }, () => call('POST', '/auth/bind', { body: { bindTicket: t, ...wrong(target) } }))),
  );
  const statuses = burst.map((r) => r.status);
  expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
  const answered = statuses.filter((s) => s === 400).length;
  expect(answered).toBeGreaterThanOrEqual(1);
  expect(answered).toBeLessThanOrEqual(BIND_WRONG_PER_TARGET_PER_HOUR);
  // Tries refused under contention are simply not checked; sequential ones fill the hour to five.
  let more = 0;
  for (let i = 0; i < BIND_WRONG_PER_TARGET_PER_HOUR; i++) if ((await bind(wrong(target))).status === 400) more += 1;
  expect(answered + more).toBe(BIND_WRONG_PER_TARGET_PER_HOUR);
  expect(await personLock(target)).toMatchObject({ lockouts: 1 });
  expect((await lockNotices(target)).every((n) => n?.template === 'identity.bindLocked')).toBe(true);
  expectApiError(await bind(right(target)), 429, 'too_many_requests');
});

test('per phone: five wrong names with one phone lock the phone, for the right answer too', async () => {
  const target = await plantMember('龙秀珍');
  for (let i = 0; i < BIND_WRONG_PER_TARGET_PER_HOUR; i++) expectApiError(await bind({ ...right(target), name: `龙秀${'甲乙丙丁戊'[i]}` }), 400, 'binding_failed');
  // No answer named the person: only the phone is counted, and no contact is told.
  expect(await personLock(target)).toBeUndefined();
  expect(await phoneLock(target.phone)).toMatchObject({ lockouts: 1 });
  expect(await lockNotices(target)).toEqual([undefined, undefined]);
  const res = await bind(right(target));
  expectApiError(res, 429, 'too_many_requests');
  expect((await getItem(keys.person(target.personId)))?.openid).toBeUndefined();

  // A phone nobody registered is limited the same way (the message says nothing about who is registered).
  const unknown = { name: '无此人', idLast6: '123456', phone: randomPhone() };
  for (let i = 0; i < BIND_WRONG_PER_TARGET_PER_HOUR; i++) expectApiError(await bind(unknown), 400, 'binding_failed');
  const sixth = await bind(unknown);
  expectApiError(sixth, 429, 'too_many_requests');
  expect(sixth.body.message).toBe(res.body.message.replace(/\d+月\d+日 \d\d:\d\d/, /\d+月\d+日 \d\d:\d\d/.exec(sixth.body.message)![0]));
});

test('the lock grows: an hour the first time, a day when it happens again within the week; then the right answer binds', async () => {
  const target = await plantMember('纪桂香');
  const t0 = Date.now();
  for (let i = 0; i < BIND_WRONG_PER_TARGET_PER_HOUR; i++) await bind(wrong(target));
  const first = await personLock(target);
  expect(first!.lockedUntil * 1000 - t0).toBeGreaterThan(3590_000);
  expect(first!.lockedUntil * 1000 - t0).toBeLessThan(3610_000);

  // 59 minutes on: still locked, the right answer too.
  expectApiError(await bind(right(target), new Date(t0 + 59 * 60_000)), 429, 'too_many_requests');
  // 61 minutes on: open again; five more wrong proofs lock it for a day.
  const t1 = t0 + 61 * 60_000;
  for (let i = 0; i < BIND_WRONG_PER_TARGET_PER_HOUR; i++) expectApiError(await bind(wrong(target), new Date(t1 + i * 1000)), 400, 'binding_failed');
  const second = await personLock(target);
  expect(second).toMatchObject({ lockouts: 2 });
  const until = second!.lockedUntil * 1000;
  expect(until - t1).toBeGreaterThan(24 * 3600_000 - 10_000);
  expect(until - t1).toBeLessThan(24 * 3600_000 + 10_000);

  const tooSoon = await bind(right(target), new Date(t1 + 23 * 3600_000));
  expectApiError(tooSoon, 429, 'too_many_requests');
  expect(tooSoon.body.message).toContain(lockMessage(new Date(until)));
  // Each lock told the contacts again.
  expect((await lockNotices(target)).every((n) => n?.template === 'identity.bindLocked')).toBe(true);

  // Once the day is over, the right answer binds.
  const ok = await bind(right(target), new Date(until + 60_000));
  expect(ok.status).toBe(200);
  expect((await getItem(keys.person(target.personId)))?.openid).toMatch(new RegExp(`^${ownedBy.bindLock.openidPrefix}`));
});
