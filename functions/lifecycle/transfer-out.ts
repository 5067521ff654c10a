import { beijingDate, FamilyPath, isActiveRequest, TransferOutRequest } from '../../domain';
import { outboxCancel } from '../lib/notify/outbox';
import { batchGetAll } from '../lib/db/batch';
import { listFamilyBookings } from '../lib/db/booking/bookings';
import { tableName } from '../lib/db/client';
import { townshipStatsAdd } from '../lib/db/coverage';
import { followUpReminderKey, type PlanItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { bookingsReleaseParts, readBookingsToRelease } from '../lib/db/lifecycle/bookings-release';
import { changePut } from '../lib/db/lifecycle/changes';
import { profileUpdate } from '../lib/db/lifecycle/profile';
import { figuresOf, negate, readRegionChange, readTownshipBound, summaryRegionUpdate, surveyMoveParts } from '../lib/db/lifecycle/region-change';
import { requestsReferredOnParts } from '../lib/db/requests';
import { part, type Part, transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { familyDetailsView } from './views';

const placesChanged = () => conflict('这户家庭的预约、候补、诉求或满意度调查刚有变化，迁出没有办理，什么也没有改变。请刷新后重试');

/**
 * A family moved out of the county. Its records stay where they are (the county can still read
 * its history through the family scope), but it leaves the township and county lists and the
 * stale-contact list (it is listed apart, by the day it left, for the monthly export of the months
 * it was still here), its contacts let go of it, its figures leave the township's counters, its
 * members' future bookings and waiting places end (the places go back to the quota or to the next
 * one waiting; each member told), their booking and follow-up reminders stop, its open requests
 * are referred on to where it went (转交, closed here) and this quarter's survey answer leaves the
 * township's figures, all in one transaction with the change record, which names the former contacts.
 */
export const handler = routeHandler('lifecycle.transferOut', { path: FamilyPath, body: TransferOutRequest }, async ({ path, body, principal, now }) => {
  if (body.movedOn > beijingDate(now)) throw badRequest('迁出日期不能晚于今天', { 'body.movedOn': '迁出日期不能晚于今天' });
  const { profile, contacts, actor } = await familyForChange(path.familyId, body.version, principal);
  const memberIds = new Set(profile.members.filter((m) => !m.deceasedOn).map((m) => m.personId));
  const [reads, bound, family, plans] = await Promise.all([
    readRegionChange(profile),
    readTownshipBound(path.familyId, now),
    listFamilyBookings(path.familyId),
    batchGetAll<PlanItem>([...memberIds].map((id) => keys.followUpPlan(id))),
  ]);
  const places = await readBookingsToRelease(family, memberIds, now);
  const referred = bound.requests.filter((r) => isActiveRequest(r.status)).length;
  const ended = [places.bookings.length ? `${places.bookings.length} 个预约` : '', places.waiting.length ? `${places.waiting.length} 个候补` : ''].filter(Boolean);
  const writes: Part[] = [
    part('profile', profileUpdate(path.familyId, body.version, { status: 'transferred_out', transferredOut: { destination: body.destination, on: body.movedOn }, gsi2pk: keys.countyTransferredPk(profile.countyId), gsi2sk: keys.countyTransferredSk(body.movedOn, profile.townshipId, path.familyId) }, ['gsi1pk', 'gsi1sk'])),
    ...(reads.summary ? [part('summary', summaryRegionUpdate(reads.summary, undefined))] : []),
    ...contacts.map((c) => part('contact', { Delete: { TableName: tableName(), Key: keys.familyContact(path.familyId, c.staffId), ConditionExpression: 'attribute_exists(pk)' } })),
    part('counter', townshipStatsAdd(profile, negate(figuresOf(profile, contacts, reads)))),
    ...bookingsReleaseParts(places, memberIds, '家庭迁出本县', now, '家庭已迁出本县，预约已取消'),
    // Open requests are referred on to where the family went; this quarter's survey answer leaves the township's figures with it.
    ...requestsReferredOnParts({ familyId: path.familyId, region: profile, requests: bound.requests, summaryVersion: bound.requestsVersion, destination: body.destination, byName: actor.name || '卫健委' }, now),
    ...surveyMoveParts(profile, undefined, bound),
    // The plans stay with the records; only their reminders stop (the member is no longer here to see the doctor).
    ...plans.map((p) => part('reminder', outboxCancel(followUpReminderKey(p.memberId)))),
    part(
      'change',
      changePut(
        {
          familyId: path.familyId,
          townshipId: profile.townshipId,
          kind: 'transfer_out',
          by: actor,
          summary: `${body.movedOn}迁往${body.destination}，记录保留，不再计入本县统计${ended.length ? `；已取消：${ended.join('、')}` : ''}${referred ? `；${referred} 件未办结的诉求转交迁入地` : ''}`,
          before: { 状态: '在册', 联系人: contacts.map((c) => c.name).join('、') },
          after: { 状态: '已迁出', 迁往: body.destination },
        },
        now,
      ),
    ),
  ];
  await transact(writes, { refusals: { ...staleRefusal, booking: placesChanged, waitlist: placesChanged, request: placesChanged, requestsSummary: placesChanged, surveyCounter: placesChanged } });
  return { body: familyDetailsView({ ...profile, status: 'transferred_out', version: body.version + 1 }) };
});
