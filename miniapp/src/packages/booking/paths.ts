import type { NotificationTemplate } from '@domain';

/** Pages of the booking subpackage (the messaging feature links doctors' suggestions to `book`). */
export const bookingPaths = {
  book: '/packages/booking/book/index',
  confirmation: '/packages/booking/confirmation/index',
  mine: '/packages/booking/mine/index',
  admission: '/packages/booking/admission/index',
  reschedule: '/packages/booking/reschedule/index',
} as const;

/**
 * The subscription messages each booking tap asks for (at most 3 per request, WeChat's limit): a
 * booking sends its confirmation and two reminders, a waiting-list entry its offer.
 */
export const bookingSubscriptions = {
  book: ['booking.confirmed', 'booking.reminder', 'booking.reminderSoon'],
  waitlist: ['booking.waitlistOffer'],
} as const satisfies Record<string, readonly NotificationTemplate[]>;
