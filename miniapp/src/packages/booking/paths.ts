/** Pages of the booking subpackage (the messaging feature links doctors' suggestions to `book`). */
export const bookingPaths = {
  book: '/packages/booking/book/index',
  confirmation: '/packages/booking/confirmation/index',
  mine: '/packages/booking/mine/index',
  admission: '/packages/booking/admission/index',
} as const;
