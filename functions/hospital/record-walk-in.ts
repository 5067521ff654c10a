import { randomBytes } from 'node:crypto';
import { beijingDate, beijingMonth, toBeijingIso, walkInCounts, WalkInRequest } from '../../domain';
import { tableName } from '../lib/db/client';
import { greenChannelCount, type WalkInItem } from '../lib/db/green-channel';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { callerInstitution, countPlace, windowRecordContext } from './green-channel';
import { walkInView } from './walk-in-view';

/**
 * A card holder served at the window without a booking: which priorities were given, escort or
 * wheelchair, fee reductions (fen) and whether 先诊疗后付费 applied. The visit, its month's
 * green-channel counters and the Idempotency-Key's answer are one transaction, so a retried tap
 * records one visit and counts it once. Requests: one BatchGet (family, institution, staff), one
 * TransactWriteItems.
 */
export const handler = routeHandler('hospital.recordWalkIn', { body: WalkInRequest }, async ({ body, principal, now, idempotency }) => {
  const institutionId = callerInstitution(principal);
  const { familyId, profile, institution, staff, member } = await windowRecordContext({ ticket: body.presentedTicket, staffId: principal.personId, institutionId, memberId: body.memberId }, now);
  const department = institution.departments.find((d) => d.departmentId === body.departmentId);
  if (!department) throw badRequest('请选择本院的科室', { 'body.departmentId': '本院没有这个科室' });

  const visitId = `wk_${randomBytes(10).toString('hex')}`;
  const recordedAt = toBeijingIso(now);
  const date = beijingDate(now);
  const item: WalkInItem = {
    ...keys.walkIn(institutionId, date, recordedAt, visitId),
    entity: 'walkIn',
    visitId,
    familyId,
    memberId: member.personId,
    memberName: member.name,
    countyId: profile.countyId,
    townshipId: profile.townshipId,
    institutionId,
    institutionName: institution.name,
    departmentId: department.departmentId,
    departmentName: department.name,
    date,
    recordedAt,
    recordedBy: principal.personId,
    recordedByName: staff.name,
    priorities: body.priorities,
    escort: body.escort,
    wheelchair: body.wheelchair,
    reductions: body.reductions,
    reductionFen: body.reductions.reduce((s, r) => s + r.amountFen, 0),
    payLater: body.payLater,
    ...(body.note ? { note: body.note } : {}),
  };
  const response = walkInView(item);
  await transact([
    part('walkIn', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }),
    ...greenChannelCount(countPlace(profile, { institutionId, institutionName: institution.name }), beijingMonth(now), walkInCounts(body)),
    ...idempotency.marker(response, 201),
  ]);
  return { status: 201, body: response };
});
