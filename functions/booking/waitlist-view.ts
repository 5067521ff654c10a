import { beijingWhen, type WaitlistEntryView } from '../../domain';
import type { WaitlistItem } from '../lib/db/booking';

/** How a waiting-list entry reads to the family. Not a handler. */
export function waitlistView(w: WaitlistItem, position: number | undefined, now: Date): WaitlistEntryView {
  const offered = w.status === 'offered' && (w.offerExpiresAtMs ?? 0) > now.getTime();
  return {
    institutionId: w.institutionId,
    sessionId: w.sessionId,
    memberId: w.memberId,
    memberName: w.memberName,
    status: w.status,
    position: position ?? 0,
    offerExpiresAt: w.offerExpiresAtMs ? new Date(w.offerExpiresAtMs).toISOString() : undefined,
    inWords: offered
      ? `有空位了！请在${beijingWhen(w.offerExpiresAtMs!)}前确认，过时让给下一位`
      : w.status === 'offered'
        ? '候补名额已过期'
        : position
          ? `正在候补，排第 ${position} 位，有空位会通知您`
          : '正在候补，有空位会通知您',
  };
}
