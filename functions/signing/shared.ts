import { toBeijingIso } from '../../domain';
import type { FamilyMemberEntry, FamilyProfileItem } from '../lib/db/items';
import type { MemberSnapshot } from '../lib/db/signing';
import type { OutboxEntry } from '../lib/notify/outbox';

/** What an application or contract keeps of the member and their place when it is made. */
export function memberSnapshot(profile: FamilyProfileItem, member: FamilyMemberEntry): MemberSnapshot {
  return {
    name: member.name,
    relation: member.relation,
    gender: member.gender,
    birthDate: member.birthDate,
    villageId: profile.villageId,
    villageName: profile.villageName,
    townshipId: profile.townshipId,
    townshipName: profile.townshipName,
    countyId: profile.countyId,
    conditions: member.conditions,
    phoneMasked: member.phoneMasked,
  };
}

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
