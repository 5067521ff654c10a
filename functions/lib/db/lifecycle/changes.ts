import { randomUUID } from 'node:crypto';
import { changeKindLabels, toBeijingIso, type ChangeKind, type FamilyChange } from '../../../../domain';
import { changeListIndex } from '../change-list';
import { tableName } from '../client';
import { keys } from '../keys';
import { tableKeyAttributes, type Page, queryPage } from '../pagination';
import type { TransactItem } from '../transact';

/**
 * A family's change records (FAMILY#<fid> / CHANGE#<epoch ms>#<id>): who changed what, when, and the
 * values before and after. Written in the same transaction as the change, never updated, so a
 * correction keeps what was there before and the history is also the change's audit trail.
 */
export interface FamilyChangeItem {
  pk: string;
  sk: string;
  entity: 'familyChange';
  changeId: string;
  familyId: string;
  kind: ChangeKind;
  at: string;
  byId: string;
  byName: string;
  summary: string;
  before: Record<string, string>;
  after: Record<string, string>;
  /** The member the change is about, if any. */
  memberId?: string;
  /** The change list's index (change-list.ts); absent on records written before it. */
  gsi2pk?: string;
  gsi2sk?: string;
}

export interface ChangeInput {
  familyId: string;
  /** The township the family is in after the change: the change list files it there. */
  townshipId: string;
  kind: ChangeKind;
  by: { personId: string; name: string };
  summary: string;
  before?: Record<string, string>;
  after?: Record<string, string>;
  memberId?: string;
}

export function changeItem(input: ChangeInput, now: Date): FamilyChangeItem {
  const at = toBeijingIso(now);
  const changeId = `chg_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return {
    ...keys.familyChange(input.familyId, now, changeId),
    entity: 'familyChange',
    changeId,
    familyId: input.familyId,
    kind: input.kind,
    at,
    byId: input.by.personId,
    byName: input.by.name,
    summary: input.summary,
    before: input.before ?? {},
    after: input.after ?? {},
    ...(input.memberId ? { memberId: input.memberId } : {}),
    ...changeListIndex(input.townshipId, at, changeId),
  };
}

export function changePut(input: ChangeInput, now: Date): TransactItem {
  return { Put: { TableName: tableName(), Item: changeItem(input, now), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Only the fields whose values differ, by label, as the before/after of a change record. */
export function diff(labels: Record<string, string>, before: Record<string, string>, after: Record<string, string>) {
  const b: Record<string, string> = {};
  const a: Record<string, string> = {};
  for (const [field, label] of Object.entries(labels)) {
    if ((before[field] ?? '') === (after[field] ?? '')) continue;
    b[label] = before[field] ?? '';
    a[label] = after[field] ?? '';
  }
  return { before: b, after: a };
}

/** Newest first, a page at a time. */
export function listChanges(familyId: string, page: { cursor?: string; limit: number }): Promise<Page<FamilyChangeItem>> {
  const pk = keys.familyPk(familyId);
  return queryPage<FamilyChangeItem>(
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': pk, ':p': keys.familyChangePrefix },
      ScanIndexForward: false,
    },
    page,
    { attributes: tableKeyAttributes, equals: { pk }, startsWith: { sk: keys.familyChangePrefix } },
  );
}

export function changeView(item: FamilyChangeItem): FamilyChange {
  return {
    changeId: item.changeId,
    kind: item.kind,
    kindLabel: changeKindLabels[item.kind],
    at: item.at,
    byName: item.byName,
    summary: item.summary,
    before: item.before,
    after: item.after,
  };
}
