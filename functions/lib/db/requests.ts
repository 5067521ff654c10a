import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  addDays,
  isActiveRequest,
  requestCategoryLabels,
  requestStatusLabels,
  beijingWhen,
  beijingInstant,
  toBeijingIso,
  type ActedBy,
  type ContactKind,
  type RequestCategory,
  type RequestEvent,
  type RequestStatus,
} from '../../../domain';
import { outboxCancel, outboxPut } from '../notify/outbox';
import { db, tableName } from './client';
import type { FamilyContactItem, FamilyProfileItem } from './items';
import { keys } from './keys';
import { requestClosedCounter, requestOpenedCounter } from './ledger-requests';
import { part, type Part, parts, transact, type TransactItem } from './transact';

/**
 * A request (诉求) of a family: one item in the family's partition holding its timeline, so a
 * change and its timeline entry are one conditional write. While active it sits in its assignee's
 * GSI1 partition (by due date) and in its township's GSI2 partition (by due date: overdue ones
 * escalate); closed, it leaves the township index and sorts by closing time for the assignee.
 */
export interface RequestItem {
  pk: string;
  sk: string;
  entity: 'request';
  requestId: string;
  familyId: string;
  familyName: string;
  villageName: string;
  townshipName: string;
  countyId: string;
  townshipId: string;
  category: RequestCategory;
  text: string;
  status: RequestStatus;
  dueDate: string;
  raisedAt: string;
  raisedBy: { personId: string; name: string };
  /** Raised by staff on the family's behalf (代办). */
  actedBy?: ActedBy;
  assignee?: { staffId: string; name: string };
  /** Members told about each change. */
  notify: string[];
  timeline: RequestEvent[];
  version: number;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

/** Which contact a request goes to: the village cadre, else the township leader, else a volunteer. */
const ASSIGN_ORDER: ContactKind[] = ['village_cadre', 'township_leader', 'volunteer'];
export const assigneeOf = (contacts: FamilyContactItem[]) =>
  ASSIGN_ORDER.map((k) => contacts.find((c) => c.kind === k)).find((c): c is FamilyContactItem => Boolean(c));

export const newRequestId = () => `rq_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

/** The township leader hears of an overdue request the morning after its due date. */
const overdueNoticeAt = (dueDate: string) => beijingInstant(addDays(dueDate, 1), '09:00');

/** The parts of raising a request, by label: `assignee` failing means the place changed hands. */
export type RequestCreationLabel = 'request' | 'assignee' | 'summary' | 'counter' | 'outbox';

/**
 * A new request and the parts of the one transaction that raises it: the request, a check that
 * the assignee still holds the place (a hand-over in between fails `assignee` and the caller reads
 * the contacts again), the family's request summary (bumped, so a hand-over that read the family's
 * requests notices), the township's counters, and the township leader's overdue notice scheduled
 * for the morning after the due date. The caller runs the transaction, with its own parts.
 */
export function requestCreation(
  input: {
    profile: FamilyProfileItem;
    contacts: FamilyContactItem[];
    category: RequestCategory;
    text: string;
    dueDate: string;
    raisedBy: { personId: string; name: string; role: 'family' | 'staff' };
    actedBy?: ActedBy;
  },
  now: Date,
): { item: RequestItem; parts: Part<RequestCreationLabel>[] } {
  const { profile } = input;
  const requestId = newRequestId();
  const at = toBeijingIso(now);
  const assignee = assigneeOf(input.contacts);
  const leader = input.contacts.find((c) => c.kind === 'township_leader');
  const item: RequestItem = {
    ...keys.request(profile.familyId, requestId),
    entity: 'request',
    requestId,
    familyId: profile.familyId,
    familyName: profile.familyName,
    villageName: profile.villageName,
    townshipName: profile.townshipName,
    countyId: profile.countyId,
    townshipId: profile.townshipId,
    category: input.category,
    text: input.text,
    status: 'open',
    dueDate: input.dueDate,
    raisedAt: at,
    raisedBy: { personId: input.raisedBy.personId, name: input.raisedBy.name },
    ...(input.actedBy ? { actedBy: input.actedBy } : {}),
    assignee: assignee ? { staffId: assignee.staffId, name: assignee.name } : undefined,
    notify: profile.members.map((m) => m.personId),
    timeline: [{ at, status: 'open', byName: input.raisedBy.name, byRole: input.raisedBy.role, assignedTo: assignee?.name }],
    version: 1,
    ...(assignee ? { gsi1pk: keys.staffPk(assignee.staffId), gsi1sk: keys.requestActiveStaffSk(input.dueDate, requestId) } : {}),
    gsi2pk: keys.requestTownshipPk(profile.townshipId),
    gsi2sk: keys.requestTownshipSk(input.dueDate, profile.familyId, requestId),
  };
  const writes: Part<RequestCreationLabel>[] = [
    part('request', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }),
    ...(assignee
      ? [
          part('assignee', {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.familyContact(profile.familyId, assignee.staffId),
              ConditionExpression: 'attribute_exists(pk) AND #kind = :kind',
              ExpressionAttributeNames: { '#kind': 'kind' },
              ExpressionAttributeValues: { ':kind': assignee.kind },
            },
          }),
        ]
      : []),
    part('summary', {
      Update: {
        TableName: tableName(),
        Key: keys.familyRequests(profile.familyId),
        UpdateExpression: 'SET entity = :e ADD version :one, active :one',
        ExpressionAttributeValues: { ':e': 'familyRequests', ':one': 1 },
      },
    }),
    part('counter', requestOpenedCounter(profile, at.slice(0, 10))),
    ...parts(
      'outbox',
      leader
        ? [
            outboxPut(
            {
              recipientId: leader.staffId,
              template: 'request.update',
              data: { subject: `${profile.familyName}：${requestCategoryLabels[input.category]}`, status: '已超期，请督办', time: input.dueDate },
              page: 'packages/requests/staff/index',
              dedupeKey: keys.requestOverdueNoticeKey(requestId),
                notBefore: overdueNoticeAt(input.dueDate),
              },
              now,
            ),
          ]
        : [],
    ),
  ];
  return { item, parts: writes };
}

export async function getRequest(familyId: string, requestId: string): Promise<RequestItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.request(familyId, requestId), ConsistentRead: true }));
  return out.Item as RequestItem | undefined;
}

/** Every request of a family, with its timeline (one Query). */
export async function listFamilyRequests(familyId: string): Promise<RequestItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':p': keys.requestPrefix },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []) as RequestItem[];
}

/** The family's request summary version (0 before its first request), read with its requests. */
export async function familyRequestsVersion(familyId: string): Promise<number> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.familyRequests(familyId), ConsistentRead: true }));
  return (out.Item?.version as number | undefined) ?? 0;
}

type StatusChange = { status: Exclude<RequestStatus, 'open'>; note?: string; department?: string; reason?: string; byName: string };

/**
 * One request's own parts of a status change: the item (only if still at the version and status
 * read) with its timeline entry, out of the township's index when it closes, the overdue notice
 * dropped if not due yet, and each member told. The township counter and the family's request
 * summary are the caller's (once per transaction, however many requests close together).
 */
function requestStatusParts(item: RequestItem, change: StatusChange, now: Date): { parts: Part<'request' | 'outbox'>[]; next: RequestItem } {
  const at = toBeijingIso(now);
  const event: RequestEvent = { at, status: change.status, byName: change.byName, byRole: 'staff', note: change.note, department: change.department, reason: change.reason };
  const closing = !isActiveRequest(change.status);
  const version = item.version + 1;
  const names: Record<string, string> = { '#status': 'status', '#timeline': 'timeline', '#version': 'version' };
  const values: Record<string, unknown> = { ':status': change.status, ':event': [event], ':v': item.version, ':from': item.status, ':next': version };
  let update = 'SET #status = :status, #timeline = list_append(#timeline, :event), #version = :next';
  if (closing) {
    update += ' REMOVE gsi2pk, gsi2sk';
    if (item.assignee) {
      update = update.replace(' REMOVE', ', gsi1sk = :closedSk REMOVE');
      values[':closedSk'] = keys.requestClosedStaffSk(at, item.requestId);
    }
  }
  const own: Part<'request' | 'outbox'>[] = [
    part('request', {
      Update: {
        TableName: tableName(),
        Key: keys.request(item.familyId, item.requestId),
        UpdateExpression: update,
        ConditionExpression: '#version = :v AND #status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    }),
    // Not due yet means not sent yet: the notice can still be dropped (once sent it stays).
    ...(closing && now < overdueNoticeAt(item.dueDate) ? [part('outbox', outboxCancel(keys.requestOverdueNoticeKey(item.requestId)))] : []),
    ...parts(
      'outbox',
      item.notify.map((memberId) =>
        outboxPut(
          {
            recipientId: memberId,
            template: 'request.update',
            data: { subject: requestCategoryLabels[item.category], status: requestStatusLabels[change.status], time: beijingWhen(at, at) },
            page: 'packages/requests/family/index',
            dedupeKey: `request.update#${item.requestId}#${version}#${memberId}`,
          },
          now,
        ),
      ),
    ),
  ];
  return { parts: own, next: { ...item, status: change.status, version, timeline: [...item.timeline, event] } };
}

/** The family's request summary after `n` of its requests closed (at the version read, if given). */
function summaryClosed(familyId: string, n: number, version?: number): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.familyRequests(familyId),
      UpdateExpression: 'ADD active :minus',
      ConditionExpression: version === undefined ? 'attribute_exists(pk)' : 'version = :v',
      ExpressionAttributeValues: { ':minus': -n, ...(version === undefined ? {} : { ':v': version }) },
    },
  };
}

/**
 * Moves a request to its next status (requestStatusParts), with the township's counters and the
 * family's summary when it closes. A stale change is refused by the transaction
 * (`TransactionRefused`); the caller answers it.
 */
export async function updateRequestStatus(item: RequestItem, change: StatusChange, now: Date): Promise<RequestItem> {
  const closing = !isActiveRequest(change.status);
  const { parts: own, next } = requestStatusParts(item, change, now);
  await transact([
    ...own,
    ...(closing
      ? [part('counter', requestClosedCounter(item, change.status as 'resolved' | 'referred' | 'declined', toBeijingIso(now).slice(0, 10), [item])), part('summary', summaryClosed(item.familyId, 1))]
      : []),
  ]);
  return next;
}

/**
 * A family moved out of the county: its active requests are referred on to where it went (closed
 * here as 转交, each member told), in the caller's transaction, so none stays open, overdue or on
 * a contact's list for a family the county no longer serves. The family's request summary must
 * still be at the version read: a request raised meanwhile fails the transaction.
 */
export function requestsReferredOnParts(
  input: { familyId: string; region: { countyId: string; townshipId: string }; requests: RequestItem[]; summaryVersion: number; destination: string; byName: string },
  now: Date,
): Part<'request' | 'outbox' | 'counter' | 'requestsSummary'>[] {
  const active = input.requests.filter((r) => isActiveRequest(r.status));
  if (!active.length) {
    return [part('requestsSummary', { ConditionCheck: { TableName: tableName(), Key: keys.familyRequests(input.familyId), ConditionExpression: input.summaryVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v', ...(input.summaryVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': input.summaryVersion } }) } })];
  }
  const change: StatusChange = { status: 'referred', department: input.destination, note: '家庭已迁出本县，诉求转交迁入地继续办理', byName: input.byName };
  return [
    ...active.flatMap((r) => requestStatusParts(r, change, now).parts),
    part('counter', requestClosedCounter(input.region, 'referred', toBeijingIso(now).slice(0, 10), active)),
    part('requestsSummary', summaryClosed(input.familyId, active.length, input.summaryVersion)),
  ];
}

/**
 * The hand-over's part (functions/lib/db/handover.ts runs it in the SAME transaction): each active
 * request assigned to the outgoing contact moves to the incoming one (carryActiveRequests).
 */
export function requestsHandoverItems(
  input: { familyId: string; requests: RequestItem[]; summaryVersion: number; fromStaffId: string; to: { staffId: string; name: string }; byName: string },
  now: Date,
): Part<'requestsSummary' | 'request'>[] {
  return carryActiveRequests({ ...input, reassign: new Map([[input.fromStaffId, input.to]]), note: '联系人交接，诉求转给新的联系人继续办理' }, now);
}

/**
 * A family's active requests carried along a change of who serves it, in the SAME transaction as
 * the change: a request whose assignee is in `reassign` goes to the new person (their GSI1 list),
 * and with `region` (a move to another township) every active request changes township (its
 * township's GSI2 due-date index, so the new township sees and escalates it, the old no longer).
 * Each is conditioned on the version read, with a timeline entry; the family's request summary
 * must still be at the version read, so a request raised meanwhile fails the transaction instead
 * of staying behind.
 */
export function carryActiveRequests(
  input: {
    familyId: string;
    requests: RequestItem[];
    summaryVersion: number;
    reassign: ReadonlyMap<string, { staffId: string; name: string }>;
    region?: { townshipId: string; townshipName: string; villageName: string };
    byName: string;
    note: string;
  },
  now: Date,
): Part<'requestsSummary' | 'request'>[] {
  const at = toBeijingIso(now);
  const { region } = input;
  const moving = carriedRequests(input);
  return [
    part('requestsSummary', {
      ConditionCheck: {
        TableName: tableName(),
        Key: keys.familyRequests(input.familyId),
        ConditionExpression: input.summaryVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
        ...(input.summaryVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': input.summaryVersion } }),
      },
    }),
    ...moving.map((r) => {
      const to = r.assignee ? input.reassign.get(r.assignee.staffId) : undefined;
      const event: RequestEvent = { at, status: r.status, byName: input.byName, byRole: 'staff', ...(to ? { assignedTo: to.name } : {}), note: input.note };
      const sets = ['#timeline = list_append(#timeline, :event)', '#version = :next'];
      const values: Record<string, unknown> = { ':event': [event], ':v': r.version, ':next': r.version + 1 };
      if (to) {
        sets.push('assignee = :to', 'gsi1pk = :pk');
        Object.assign(values, { ':to': to, ':pk': keys.staffPk(to.staffId) });
      }
      if (region) {
        sets.push('townshipId = :t', 'townshipName = :tn', 'villageName = :vn', 'gsi2pk = :g2');
        Object.assign(values, { ':t': region.townshipId, ':tn': region.townshipName, ':vn': region.villageName, ':g2': keys.requestTownshipPk(region.townshipId) });
      }
      return part('request', {
        Update: {
          TableName: tableName(),
          Key: keys.request(r.familyId, r.requestId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#version = :v',
          ExpressionAttributeNames: { '#timeline': 'timeline', '#version': 'version' },
          ExpressionAttributeValues: values,
        },
      });
    }),
  ];
}

/** The active requests a carry changes: all of them on a move, else those of a reassigned person. */
export function carriedRequests(input: { requests: RequestItem[]; reassign: ReadonlyMap<string, unknown>; region?: unknown }): RequestItem[] {
  return input.requests.filter((r) => isActiveRequest(r.status) && (input.region || (r.assignee && input.reassign.has(r.assignee.staffId))));
}

/** Active requests assigned to a staff member, soonest due first (GSI1). */
export async function listAssignedRequests(staffId: string): Promise<RequestItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':p': keys.requestActiveStaffPrefix },
    }),
  );
  return (out.Items ?? []) as RequestItem[];
}

/** Active requests of a township due on or before `lastDueDate` (GSI2), soonest due first. */
export async function listTownshipRequestsDueBy(townshipId: string, lastDueDate: string): Promise<RequestItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :to',
      ExpressionAttributeValues: { ':pk': keys.requestTownshipPk(townshipId), ':to': `${lastDueDate}#~` },
    }),
  );
  return (out.Items ?? []) as RequestItem[];
}
