import { BookingPath, VisitRecordRequest } from '../../domain';
import { patientView } from '../booking/views';
import { getBooking } from '../lib/db/booking/bookings';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertOwnBooking, callerInstitution } from './green-channel';

/** Which of the 五个优先 were given at the visit, and fee reductions (yuan). After check-in only. */
export const handler = routeHandler('hospital.recordVisit', { path: BookingPath, body: VisitRecordRequest }, async ({ path, body, principal }) => {
  const institutionId = callerInstitution(principal);
  const own = assertOwnBooking(await getBooking(path.bookingId), institutionId);
  if (own.status !== 'checked_in') throw conflict('请先为患者签到，再记录优先服务');
  const given = [...new Set(body.prioritiesGiven)];
  const fee = body.feeReductionYuan ?? 0;
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.booking(own.bookingId),
        UpdateExpression: 'SET prioritiesGiven = :given, feeReductionYuan = :fee',
        ConditionExpression: '#status = :in AND institutionId = :inst',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':given': given, ':fee': fee, ':in': 'checked_in', ':inst': institutionId },
      }),
    );
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') throw conflict('这个预约刚刚有变化，请刷新后再试');
    throw err;
  }
  return { body: patientView({ ...own, prioritiesGiven: given, feeReductionYuan: fee }) };
});
