import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beijingWhen, contactKindLabels, isSharedContactKind, toBeijingIso, type ContactKind, type HandoverRecord } from '../../../domain';
import { outboxPut } from '../notify/outbox';
import { db, tableName } from './client';
import { hasAllContacts, townshipStatsAdd } from './coverage';
import type { FamilyContactItem, FamilyProfileItem, PersonItem } from './items';
import { keys } from './keys';
import { part, type Part, parts } from './transact';
import { queryAll } from './query-all';

export interface HandoverItem extends HandoverRecord {
  pk: string;
  sk: string;
  entity: 'handover';
  /** The township's month of hand-overs (keys.handoverMonthPk); absent on records written before it. */
  gsi2pk?: string;
  gsi2sk?: string;
}

export const newHandoverId = () => `ho_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

/**
 * The record of one place changing hands, in the family's history and in its township's month (the
 * monthly export's 交接记录 sheet): every hand-over, a family's move included, is written by this.
 */
export function handoverRecord(h: {
  familyId: string;
  /** The township the family is in after the change. */
  townshipId: string;
  kind: ContactKind;
  from?: { staffId: string; name: string };
  to: { personId: string; name: string };
  at: string;
  byStaffId: string;
  reason?: string;
}): HandoverItem {
  const handoverId = newHandoverId();
  return {
    ...keys.handover(h.familyId, h.at, handoverId),
    entity: 'handover',
    handoverId,
    familyId: h.familyId,
    kind: h.kind,
    from: h.from ? { staffId: h.from.staffId, name: h.from.name } : undefined,
    to: { staffId: h.to.personId, name: h.to.name },
    at: h.at,
    byStaffId: h.byStaffId,
    reason: h.reason || undefined,
    gsi2pk: keys.handoverMonthPk(h.townshipId, h.at.slice(0, 7)),
    gsi2sk: `${h.at}#${handoverId}`,
  };
}

/** The dedupe key of the message telling one member of the family about the change. */
export const handoverNoticeKey = (handoverId: string, memberId: string) => `contact.changed#${handoverId}#${memberId}`;

export type HandoverLabel = 'oldContact' | 'newContact' | 'handover' | 'coverage' | 'outbox' | 'toPerson';

/**
 * The incoming person must still be active, and their `assignmentVersion` moves, so a deactivation
 * that read their families before this hand-over is refused instead of leaving this family behind.
 * One per person per transaction (DynamoDB allows one operation per item), so batches add it once.
 */
export function assignmentGuard(personId: string): Part<'toPerson'> {
  return part('toPerson', {
    Update: {
      TableName: tableName(),
      Key: keys.person(personId),
      UpdateExpression: 'SET #av = if_not_exists(#av, :zero) + :one',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#st) OR #st = :active)',
      ExpressionAttributeNames: { '#av': 'assignmentVersion', '#st': 'status' },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':active': 'active' },
    },
  });
}

/**
 * A hand-over of one place of a family, as the parts of ONE transaction, so there is no moment
 * without a contact: the old FamilyContactItem is deleted (only if it is still the one read), the
 * new one put (only if the new person is not already a contact), the hand-over recorded, each
 * member notified through the outbox, and the township's coverage counter moved when a missing
 * place is filled. The caller adds what else moves with the place (the open requests:
 * requests.ts) and runs the transaction. Anything else that belongs to the place (the contact log,
 * due items) is keyed by family, so the new contact reads it at once through the scope check.
 */
export function handover(
  input: {
    profile: FamilyProfileItem;
    contacts: FamilyContactItem[];
    kind: ContactKind;
    to: PersonItem;
    byStaffId: string;
    reason?: string;
    /** A place several may hold (social helpers): whose place this is; none adds one more holder. */
    fromStaffId?: string;
    /** Part of a batch: the batch adds the coverage counter and the assignment guard once. */
    batch?: boolean;
  },
  now: Date,
): { record: HandoverItem; from: FamilyContactItem | undefined; parts: Part<HandoverLabel>[]; filledMissing: boolean } {
  const { profile, kind, to } = input;
  const old = isSharedContactKind(kind)
    ? input.contacts.find((c) => c.kind === kind && c.staffId === input.fromStaffId)
    : input.contacts.find((c) => c.kind === kind);
  const at = toBeijingIso(now);
  const record = handoverRecord({ familyId: profile.familyId, townshipId: profile.townshipId, kind, from: old, to, at, byStaffId: input.byStaffId, reason: input.reason });
  const next: FamilyContactItem = {
    ...keys.familyContact(profile.familyId, to.personId),
    entity: 'familyContact',
    familyId: profile.familyId,
    kind,
    staffId: to.personId,
    name: to.name,
    title: to.title ?? '',
    organisation: to.organisation ?? '',
    phone: to.workPhone ?? '',
    // A doctor's team stays the family's team (the place changes hands, not the team).
    team: old?.team,
    assignedAt: at,
    gsi1pk: keys.staffPk(to.personId),
    gsi1sk: keys.staffFamilySk(profile.familyId),
  };
  const filledMissing = !hasAllContacts(input.contacts.map((c) => c.kind)) && hasAllContacts([...input.contacts.filter((c) => c !== old).map((c) => c.kind), kind]);
  const writes: Part<HandoverLabel>[] = [
    ...(old
      ? [
          part('oldContact', {
            Delete: {
              TableName: tableName(),
              Key: keys.familyContact(profile.familyId, old.staffId),
              ConditionExpression: 'attribute_exists(pk) AND #kind = :kind',
              ExpressionAttributeNames: { '#kind': 'kind' },
              ExpressionAttributeValues: { ':kind': kind },
            },
          }),
        ]
      : []),
    part('newContact', { Put: { TableName: tableName(), Item: next, ConditionExpression: 'attribute_not_exists(pk)' } }),
    part('handover', { Put: { TableName: tableName(), Item: record, ConditionExpression: 'attribute_not_exists(pk)' } }),
    ...(filledMissing && !input.batch ? [part('coverage', townshipStatsAdd(profile, { familiesWithAllContacts: 1 }))] : []),
    ...(input.batch ? [] : [assignmentGuard(to.personId)]),
    ...parts(
      'outbox',
      profile.members.map((m) =>
        outboxPut(
        {
          recipientId: m.personId,
          template: 'contact.changed',
          data: { role: contactKindLabels[kind], name: to.name, time: beijingWhen(at, at) },
          page: 'packages/family/contacts/index',
            dedupeKey: handoverNoticeKey(record.handoverId, m.personId),
          },
          now,
        ),
      ),
    ),
  ];
  return { record, from: old, parts: writes, filledMissing };
}

/** A township's hand-overs of one month (GSI2), oldest first. */
export async function listTownshipHandovers(townshipId: string, month: string): Promise<HandoverItem[]> {
  return queryAll<HandoverItem>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.handoverMonthPk(townshipId, month) },
  });
}

export async function listHandovers(familyId: string): Promise<HandoverItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':p': 'HANDOVER#' },
    }),
  );
  return (out.Items ?? []) as HandoverItem[];
}
