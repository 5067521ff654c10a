import { FamilyPath, WaitlistJoinRequest } from '../../domain';
import { getSessionAndPerson, listWaitlist, passExpiredOffers, transact, TransactionRefused, type WaitlistItem } from '../lib/db/booking';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { alreadyBookedError, assertSessionOpen } from './book-core';
import { waitlistView } from './waitlist-view';


/**
 * Joins the waiting list of a full session, in one transaction that also checks the session is
 * still full and the member holds no booking in it. Expired offers of the session are passed on
 * first, so the queue the member joins is current.
 */
export const handler = routeHandler('booking.joinWaitlist', { path: FamilyPath, body: WaitlistJoinRequest }, async ({ path, body, now }) => {
  const { session, person } = await getSessionAndPerson(body.institutionId, body.sessionId, body.memberId);
  if (!person || person.familyId !== path.familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员排队候补');
  if (!session) throw notFound('没有找到这个时段，请重新选择');
  assertSessionOpen(session, now);
  await passExpiredOffers(body.institutionId, body.sessionId, now);
  const entry: WaitlistItem = {
    ...keys.waitlistEntry(body.institutionId, body.sessionId, person.personId),
    entity: 'waitlist',
    institutionId: body.institutionId,
    sessionId: body.sessionId,
    familyId: path.familyId,
    memberId: person.personId,
    memberName: person.name,
    status: 'waiting',
    joinedAtMs: now.getTime(),
    gsi1pk: keys.familyBookingsPk(path.familyId),
    gsi1sk: keys.familyWaitSk(body.institutionId, body.sessionId, person.personId),
  };
  try {
    await transact([
      { label: 'offer', item: { Put: { TableName: tableName(), Item: entry, ConditionExpression: 'attribute_not_exists(pk)' } } },
      {
        label: 'session',
        // Counts the join on the session, so removing the session (a schedule change) sees it.
        item: {
          Update: {
            TableName: tableName(),
            Key: { pk: session.pk, sk: session.sk },
            UpdateExpression: 'ADD waitJoins :one',
            ConditionExpression: 'priorityLeft <= :zero AND releaseAtMs > :now',
            ExpressionAttributeValues: { ':zero': 0, ':now': now.getTime(), ':one': 1 },
          },
        },
      },
      { label: 'guard', item: { ConditionCheck: { TableName: tableName(), Key: keys.bookingGuard(person.personId, body.institutionId, body.sessionId), ConditionExpression: 'attribute_not_exists(pk)' } } },
    ]);
  } catch (err) {
    if (!(err instanceof TransactionRefused)) throw err;
    if (err.failed.includes('offer')) throw conflict('已经在这个时段的候补名单里了');
    if (err.failed.includes('guard')) throw alreadyBookedError();
    throw conflict('这个时段还有优先号，可以直接预约');
  }
  const queue = await listWaitlist(body.institutionId, body.sessionId);
  const position = queue.filter((q) => q.status === 'waiting').findIndex((q) => q.memberId === person.personId) + 1;
  return { status: 201, body: waitlistView(entry, position, now) };
});
