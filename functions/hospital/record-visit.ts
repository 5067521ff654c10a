import { BookingPath, bookedVisitCounts, countsDelta, monthOf, VisitRecordRequest } from '../../domain';
import { patientView } from '../booking/views';
import { getBooking } from '../lib/db/booking/bookings';
import { tableName } from '../lib/db/client';
import { getFamilyProfile } from '../lib/db/families';
import { greenChannelCount } from '../lib/db/green-channel';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertOwnBooking, callerInstitution, countPlace } from './green-channel';

/**
 * Which of the 五个优先 were given at the visit, and fee reductions (yuan). After check-in only.
 * The record replaces the previous one, so the month's counters move by the difference; the
 * update is conditioned on the record as read, so two saves at once cannot both count.
 */
export const handler = routeHandler('hospital.recordVisit', { path: BookingPath, body: VisitRecordRequest }, async ({ path, body, principal }) => {
  const institutionId = callerInstitution(principal);
  const own = assertOwnBooking(await getBooking(path.bookingId), institutionId);
  if (own.status !== 'checked_in') throw conflict('请先为患者签到，再记录优先服务');
  const profile = await getFamilyProfile(own.familyId);
  if (!profile) throw notFound('没有找到这位患者的家庭');
  const given = [...new Set(body.prioritiesGiven)];
  const fee = body.feeReductionYuan ?? 0;
  const recorded = own.prioritiesGiven !== undefined;
  const delta = countsDelta(bookedVisitCounts(own.prioritiesGiven, own.feeReductionYuan), bookedVisitCounts(given, fee));
  await transact(
    [
      part('booking', {
        Update: {
          TableName: tableName(),
          Key: keys.booking(own.bookingId),
          UpdateExpression: 'SET prioritiesGiven = :given, feeReductionYuan = :fee',
          ConditionExpression: `#status = :in AND institutionId = :inst AND ${recorded ? 'prioritiesGiven = :oldGiven AND feeReductionYuan = :oldFee' : 'attribute_not_exists(prioritiesGiven)'}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':given': given,
            ':fee': fee,
            ':in': 'checked_in',
            ':inst': institutionId,
            ...(recorded ? { ':oldGiven': own.prioritiesGiven, ':oldFee': own.feeReductionYuan ?? 0 } : {}),
          },
        },
      }),
      ...greenChannelCount(countPlace(profile, own), monthOf(own.date), delta),
    ],
    { refusals: { booking: () => conflict('这个预约刚刚有变化，请刷新后再试') } },
  );
  return { body: patientView({ ...own, prioritiesGiven: given, feeReductionYuan: fee }) };
});
