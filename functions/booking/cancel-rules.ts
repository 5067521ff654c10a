import { BOOKING_RULES, beijingWhen } from '../../domain';
import type { BookingItem } from '../lib/db/booking/bookings';
import { conflict } from '../lib/http/errors';

/** Whether a booking may still be cancelled or changed online. Not a handler. */
export function assertCancellable(booking: BookingItem, now: Date): void {
  if (booking.status !== 'booked') throw conflict('这个预约已经取消或已经就诊，不能再取消');
  const cutoff = booking.startsAtMs - BOOKING_RULES.cancelCutoffHours * 3_600_000;
  if (now.getTime() >= cutoff) {
    throw conflict(`已过取消截止时间（${beijingWhen(cutoff, now)}），如不能前来请致电医院绿色通道`);
  }
}
