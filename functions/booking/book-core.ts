import { createHash } from 'node:crypto';
import { beijingWhen, type BookingView } from '../../domain';
import {
  bookingItem,
  bookingView,
  bookParts,
  getBooking,
  getIdempotency,
  quotaStillOpen,
  settleLapsedBookings,
  transact,
  TransactionRefused,
  type BookPlan,
  type Labeled,
  type SessionItem,
} from '../lib/db/booking';
import { ApiHttpError, badRequest, conflict } from '../lib/http/errors';
import { countMetric } from '../lib/observability/metrics';

/** Shared steps of the routes that book a place (member, referral, offer, reschedule). Not a handler. */

export const fullError = () => new ApiHttpError(409, 'full', '这个时段的优先号已约满，可以排队候补，有空位会通知您');
export const alreadyBookedError = () => new ApiHttpError(409, 'already_booked', '这个时段已经为这位家人预约过了，不能重复预约');
export const tooManyError = () => new ApiHttpError(409, 'too_many_bookings', '每人最多同时保留 3 个预约，请先取消或完成已有的预约');

/** Checks on a session that do not change with other people's bookings: answered before writing. */
export function assertSessionOpen(session: SessionItem, now: Date, opts: { needsQuota?: boolean } = {}): void {
  const t = now.getTime();
  if (session.startsAtMs <= t) throw badRequest('这个时段已经过去，不能预约，请选择其他日期');
  if (session.releaseAtMs <= t) {
    throw new ApiHttpError(409, 'released', `这个时段的优先号已于${beijingWhen(session.releaseAt)}转为普通号，请到医院窗口挂号或选择其他日期`);
  }
  // The read already shows no place left: answered without a transaction (the transaction's own
  // condition is what guards a place that looks free).
  if (opts.needsQuota && session.priorityLeft <= 0) throw fullError();
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The Idempotency-Key header, if sent; a malformed one is refused before anything is read. */
export function idempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) throw badRequest('请求编号（Idempotency-Key）格式不正确', { 'headers.idempotency-key': '应为 8 到 64 位字母、数字、- 或 _' });
  return key;
}

export const requestFingerprint = (parts: unknown) => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);

/** A retried request with the same key: the booking made the first time, or 409 if the key was used for something else. */
export async function replay(callerId: string, key: string, request: string, now: Date): Promise<BookingView | undefined> {
  const idem = await getIdempotency(callerId, key);
  if (!idem) return undefined;
  if (idem.request !== request) throw conflict('这个请求编号已用于另一次预约，请重新提交');
  const booking = await getBooking(idem.bookingId);
  if (!booking) return undefined;
  return bookingView(booking, now);
}

/**
 * Runs the booking transaction (plus any extra parts, e.g. the cancellation in a reschedule) and
 * turns a refused condition into the answer the user needs. When the future-bookings counter
 * refuses, bookings whose day has passed are settled and it is tried once more.
 */
export async function runBooking(plan: BookPlan, extra: Labeled[] = []): Promise<{ status: number; body: BookingView }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await transact([...extra, ...bookParts(plan)], plan.place === 'quota' ? quotaStillOpen(plan.session) : undefined);
      const booking = await getBookingAfterWrite(plan);
      countMetric('BookingMade');
      return { status: 201, body: booking };
    } catch (err) {
      if (!(err instanceof TransactionRefused)) throw err;
      if (plan.idempotency && err.failed.includes('idempotency')) {
        const again = await replay(plan.idempotency.callerId, plan.idempotency.key, plan.idempotency.request, plan.now);
        if (again) return { status: 200, body: again };
      }
      if (err.failed.includes('counter') && attempt === 0) {
        if ((await settleLapsedBookings(plan.booker.familyId, plan.booker.memberId, plan.now)) > 0) continue;
      }
      countMetric('BookingRefused');
      throw refusalToError(err.failed, plan);
    }
  }
  countMetric('BookingRefused');
  throw tooManyError();
}

function refusalToError(failed: string[], plan: BookPlan): ApiHttpError {
  if (failed.includes('old-booking')) return conflict('原预约已不能取消（已过取消截止时间或已变更），请刷新后再试');
  if (failed.includes('old-offer')) return conflict('候补名单刚刚有变化，请再试一次');
  if (failed.includes('offer')) return conflict('候补名额已过期或已让给下一位，请重新排队');
  if (failed.includes('guard')) return alreadyBookedError();
  if (failed.includes('session')) {
    try {
      assertSessionOpen(plan.session, plan.now);
    } catch (e) {
      return e as ApiHttpError;
    }
    return fullError();
  }
  if (failed.includes('counter')) return tooManyError();
  return conflict('预约没有成功，请稍后再试');
}

/** The booking just written, built from the plan (no read needed). */
async function getBookingAfterWrite(plan: BookPlan): Promise<BookingView> {
  return bookingView(bookingItem(plan), plan.now);
}
