import { beijingDate, DeathRequest, type DeathResponse, FamilyMemberPath, LIFECYCLE_STALE } from '../../domain';
import { closeConsultationsAfterDeath, deathParts, endedByDeath, readForDeath } from '../lib/db/lifecycle/death';
import { transact, TransactionRefused } from '../lib/db/transact';
import { raiseUrgentTask } from '../lib/db/urgent-tasks';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange } from './family-change';

/**
 * Records a member's death (functions/lib/db/lifecycle/death.ts holds the transaction). Anything
 * read before it that changed meanwhile (a booking made, a plan updated) refuses the transaction
 * as a whole; the commission is asked to try again, and nothing is half-done.
 */
export const handler = routeHandler('lifecycle.recordDeath', { path: FamilyMemberPath, body: DeathRequest }, async ({ path, body, principal, now, idempotency }) => {
  if (body.diedOn > beijingDate(now)) throw badRequest('亡故日期不能晚于今天', { 'body.diedOn': '亡故日期不能晚于今天' });
  const { profile, contacts, actor } = await familyForChange(path.familyId, body.version, principal);
  const member = profile.members.find((m) => m.personId === path.memberId);
  if (!member) throw notFound('这户家庭没有这位成员');
  if (member.deceasedOn) throw conflict(`${member.name}的亡故已于此前登记`);
  // The contacts go to see the family at once (慰问), and they and the signed doctor are told.
  const [reads, urgent] = await Promise.all([
    readForDeath(path.familyId, path.memberId, now),
    raiseUrgentTask({ kind: 'death', familyId: path.familyId, memberId: path.memberId, memberName: member.name, refId: path.memberId, at: now, actorId: principal.personId }, now),
  ]);
  const parts = deathParts({ profile, contacts, memberId: path.memberId, diedOn: body.diedOn, note: body.note, version: body.version, by: actor }, reads, now);
  const response: DeathResponse = { familyId: path.familyId, memberId: path.memberId, diedOn: body.diedOn, version: body.version + 1, ended: endedByDeath(reads) };
  try {
    await transact([...parts, ...urgent, ...idempotency.marker(response, 201)]);
  } catch (err) {
    if (err instanceof TransactionRefused) throw conflict(err.has('profile') ? LIFECYCLE_STALE : '这位成员的预约或签约信息刚有变化，亡故没有登记，请刷新后重试');
    throw err;
  }
  await closeConsultationsAfterDeath(reads, now);
  return { status: 201, body: response };
});
