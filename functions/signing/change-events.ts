import { TEAM_FIELD, terminationReasonLabels, type ChangeEventKind, type TerminationReason } from '../../domain';
import { changeEventPut } from '../lib/db/change-list';
import type { ContractItem } from '../lib/db/signing';
import type { TransactItem } from '../lib/db/transact';

/**
 * The change list's entry for a contract made, renewed, moved or ended (签约变更 sheet), for the
 * transaction that does it. Not a handler.
 */
const team = (c: Pick<ContractItem, 'teamName' | 'doctor'>) => `${c.teamName}（${c.doctor.name}）`;
const period = (c: Pick<ContractItem, 'startDate' | 'endDate'>) => `${c.startDate} 至 ${c.endDate}`;

function event(kind: ChangeEventKind, c: ContractItem, byName: string, row: { before?: string; after?: string; note?: string; field?: string }, now: Date): TransactItem {
  return changeEventPut({ familyId: c.familyId, townshipId: c.member.townshipId, kind, byName, memberId: c.memberId, memberName: c.member.name, field: TEAM_FIELD, ...row }, now);
}

export const signedEvent = (c: ContractItem, byName: string, now: Date) => event('signing_signed', c, byName, { after: team(c), note: `签约期 ${period(c)}` }, now);

export const renewedEvent = (old: ContractItem, next: ContractItem, byName: string, now: Date) =>
  event('signing_renewed', next, byName, { field: '签约期', before: period(old), after: period(next), note: team(next) }, now);

export const teamChangedEvent = (old: ContractItem, next: ContractItem, reason: TerminationReason, byName: string, now: Date) =>
  event('signing_team_changed', next, byName, { before: team(old), after: team(next), note: `原签约解除：${terminationReasonLabels[reason]}` }, now);

export const endedEvent = (c: ContractItem, reason: TerminationReason, date: string, byName: string, now: Date) =>
  event('signing_ended', c, byName, { before: team(c), after: '已解约', note: `${date} 解约：${terminationReasonLabels[reason]}` }, now);
