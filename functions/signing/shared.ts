import { toBeijingIso } from '../../domain';
import type { OutboxEntry } from '../lib/notify/outbox';

/** A signing notification to a member, opening the member's signing page. */
export function memberNotice(memberId: string, team: string, status: string, now: Date, dedupeKey: string): OutboxEntry {
  return {
    recipientId: memberId,
    template: 'signing.update',
    data: { team, status, time: toBeijingIso(now).slice(0, 16).replace('T', ' ') },
    page: 'packages/signing/index/index',
    dedupeKey,
  };
}
