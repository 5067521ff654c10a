import { beijingWhen, type BookingView } from '../../domain';
import { bookingItem, bookParts, newBookingId, settleLapsedBookings, type BookPlan } from '../lib/db/booking/bookings';
import type { BookingPart, PartLabel } from '../lib/db/booking/parts';
import { getSession, type SessionItem } from '../lib/db/booking/sessions';
import { transact, TransactionRefused, type Part } from '../lib/db/transact';
import { actingRefusals } from '../lib/http/acting';
import { ApiHttpError, badRequest, conflict } from '../lib/http/errors';
import type { Idempotency } from '../lib/http/idempotency';
import { countMetric } from '../lib/observability/metrics';
import { bookingView } from './views';

/** Shared steps of the routes that book a place (member, referral, offer, reschedule). Not a handler. */

export const fullError = () => new ApiHttpError(409, 'full', '这个时段的优先号已约满，可以排队候补，有空位会通知您');
export const alreadyBookedError = () => new ApiHttpError(409, 'already_booked', '这个时段已经为这位家人预约过了，不能重复预约');
export const tooManyError = () => new ApiHttpError(409, 'too_many_bookings', '每人最多同时保留 3 个预约，请先取消或完成已有的预约');

/** Checks on a session that do not change with other people's bookings: answered before writing. */
export function assertSessionOpen(session: SessionItem, now: Date, opts: { needsQuota?: boolean } = {}): void {
  const t = now.getTime();
  if (session.startsAtMs <= t) throw badRequest('这个时段已经过去，不能预约，请选择其他日期');
  if (session.releaseAtMs <= t) {
    throw new ApiHttpError(409, 'released', `这个时段的优先号已于${beijingWhen(session.releaseAt, now)}转为普通号，请到医院窗口挂号或选择其他日期`);
  }
  // The read already shows no place left: answered without a transaction (the transaction's own
  // condition is what guards a place that looks free).
  if (opts.needsQuota && session.priorityLeft <= 0) throw fullError();
}

/** A new booking of `session` for one member, as requested (the route adds where the place comes from). */
export function planFor(
  session: SessionItem,
  member: { familyId: string; personId: string; name: string },
  bookedBy: string,
  needs: { needsEscort?: boolean; needsWheelchair?: boolean },
  now: Date,
): Omit<BookPlan, 'source' | 'place'> {
  return {
    session,
    booker: { familyId: member.familyId, memberId: member.personId, memberName: member.name, bookedBy },
    bookingId: newBookingId(),
    needsEscort: needs.needsEscort ?? false,
    needsWheelchair: needs.needsWheelchair ?? false,
    now,
  };
}

/** The quota's condition failed: the session closed meanwhile, or no place is left. */
function sessionRefused(plan: BookPlan): ApiHttpError {
  try {
    assertSessionOpen(plan.session, plan.now);
  } catch (e) {
    return e as ApiHttpError;
  }
  return fullError();
}

/** What the member is told, by the part whose condition failed, first listed first. */
const refusals = (plan: BookPlan) =>
  ({
    'old-booking': () => conflict('原预约已不能取消（已过取消截止时间或已变更），请刷新后再试'),
    'old-offer': () => conflict('候补名单刚刚有变化，请再试一次'),
    offer: () => conflict('候补名额已过期或已让给下一位，请重新排队'),
    guard: alreadyBookedError,
    session: () => sessionRefused(plan),
    ...actingRefusals,
  }) satisfies { readonly [K in PartLabel]?: () => Error };

/**
 * Runs the booking transaction (plus any extra parts, e.g. the cancellation in a reschedule, and
 * the Idempotency-Key marker holding the answer) and turns a refused condition into the answer
 * the user needs. When the future-bookings counter refuses, bookings whose day has passed are
 * settled and it is tried once more. Between conflict retries a booking from the quota looks at
 * the quota again: once it is gone, retrying only adds load.
 */
export async function runBooking(plan: BookPlan, idempotency: Idempotency, extra: BookingPart[] = []): Promise<{ status: number; body: BookingView }> {
  const body = bookingView(bookingItem(plan), plan.now);
  const beforeRetry =
    plan.place === 'quota'
      ? async () => {
          const now = await getSession(plan.session.institutionId, plan.session.sessionId);
          if (!now || now.priorityLeft <= 0) throw sessionRefused(plan);
        }
      : undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const all: Part<PartLabel | 'idempotency'>[] = [...extra, ...bookParts(plan), ...idempotency.marker(body, 201)];
      await transact(all, { refusals: refusals(plan), beforeRetry });
      countMetric('BookingMade');
      return { status: 201, body };
    } catch (err) {
      if (!(err instanceof TransactionRefused)) {
        if (err instanceof ApiHttpError) countMetric('BookingRefused');
        throw err;
      }
      if (err.has('counter') && attempt === 0 && (await settleLapsedBookings(plan.booker.familyId, plan.booker.memberId, plan.now)) > 0) continue;
      countMetric('BookingRefused');
      throw err.has('counter') ? tooManyError() : conflict('预约没有成功，请稍后再试');
    }
  }
}
