/**
 * The Idempotency-Key of one user action (a booking, a message, a follow-up…): made once when the
 * form opens or the action starts, and sent with every try of it, the app's own retries
 * (./retry.ts) and the user's taps on 重试 alike, so the server does it once and answers every try
 * with the first result. A new action gets a new key. Random, not secret: the server scopes keys
 * to the caller. 'k' + time + random, 9 to 19 characters of what the server accepts.
 */
export function newIdempotencyKey(): string {
  return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
