import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  beijingDate,
  beijingWhen,
  sortUrgentTasks,
  toBeijingIso,
  urgentDaysOverdue,
  urgentKindLabels,
  urgentTaskId,
  urgentTemplates,
  type UrgentKind,
  type UrgentTask,
} from '../../../domain';
import { outboxPut } from '../notify/outbox';
import { db, tableName } from './client';
import type { FamilyContactItem, FamilyPartitionItem, FamilyProfileItem, SigningItem } from './items';
import { keys } from './keys';
import { queryAll } from './ledger/query';
import { part, type Part } from './transact';

/**
 * Urgent tasks (今天去看望). An urgent event in a family (a member admitted, discharged, with an
 * urgent reading, or dead) gives each of the family's contact persons a task to go and see the
 * family, and sends them and the member's signed doctor a subscription message, all as parts of
 * the transaction that records the event, so there is no task for an event that did not happen
 * and no event without its tasks.
 *
 * Access patterns:
 * - the task: FAMILY#<family> / URGENT#<kind>.<refId>#<staff>, so a retried event (same kind and
 *   refId) finds its tasks already written: the Put's condition refuses it (label `urgentTask`);
 * - a contact's open tasks: GSI1 STAFF#<staff> / URGENT#<dueOn>#<family>#<taskId>, one Query for
 *   the due list. The index keys are removed when the visit is recorded, so closed tasks leave the
 *   index and the Query reads only open ones, today's and overdue alike.
 */
export interface UrgentTaskItem {
  pk: string;
  sk: string;
  entity: 'urgentTask';
  taskId: string;
  kind: UrgentKind;
  refId: string;
  familyId: string;
  familyName: string;
  memberId: string;
  memberName: string;
  detail: string;
  staffId: string;
  /** When the event happened, and when the task was raised (the visit is due that Beijing day). */
  happenedAt: string;
  raisedAt: string;
  dueOn: string;
  status: 'open' | 'done';
  /** Set when the visit is recorded: the ledger contact that answered the task. */
  contactId?: string;
  visitedOn?: string;
  doneAt?: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

/**
 * An urgent event, as a caller describes it.
 * - `kind` and `refId` name the event (the admission's id for 'admission' and 'discharge', the
 *   follow-up's id for 'urgentReading', the member's person id for 'death'): raising the same
 *   event twice writes nothing new.
 * - `at`: when it happened (shown in the message). The visit is due on the Beijing day the event
 *   is raised and overdue from the next.
 * - `detail`: what the contacts read, e.g. 住院：县人民医院 (default: the kind's words).
 * - `actorId`: who recorded the event, if they are one of the recipients (a doctor who took the
 *   urgent reading): they get no message about their own action.
 */
export interface UrgentEvent {
  kind: UrgentKind;
  familyId: string;
  memberId: string;
  memberName: string;
  refId: string;
  at: Date | string;
  detail?: string;
  actorId?: string;
}

/** Labels of the parts: `urgentTask` refused means the event was raised already. */
export type UrgentLabel = 'urgentTask' | 'urgentNotice';

/** What the tasks need to know of the family: its name, its contacts and the member's signed doctor. */
export interface UrgentFamily {
  profile: Pick<FamilyProfileItem, 'familyId' | 'familyName'>;
  contacts: ReadonlyArray<Pick<FamilyContactItem, 'kind' | 'staffId'>>;
  signedDoctorId?: string;
}

/**
 * The family's profile, contacts and the member's signing in ONE Query: the sort-key range runs
 * from the profile (`FAMILY`) through the contacts (`FAMILY#CONTACT#…`) to this member's signing
 * (`FAMILY#SIGN#<member>`); signings of members sorting before it are read and dropped (a family
 * has a handful of members).
 */
export async function readUrgentFamily(familyId: string, memberId: string): Promise<UrgentFamily | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.familyPk(familyId), ':from': keys.familyProfile(familyId).sk, ':to': keys.familySigning(familyId, memberId).sk },
    }),
  );
  const items = (out.Items ?? []) as FamilyPartitionItem[];
  const profile = items.find((i): i is FamilyProfileItem => i.entity === 'family');
  if (!profile) return undefined;
  const signing = items.find((i): i is SigningItem => i.entity === 'signing' && i.memberId === memberId);
  return { profile, contacts: items.filter((i): i is FamilyContactItem => i.entity === 'familyContact'), signedDoctorId: signing?.doctorId };
}

/**
 * The parts for one urgent event, given the family already read: one task per contact person
 * (every contact but the doctor, who has no due list) and one message to each of them and to the
 * signed doctor (each person once). Pure: no reads.
 */
export function urgentTaskParts(event: UrgentEvent, family: UrgentFamily, now: Date): Part<UrgentLabel>[] {
  const taskId = urgentTaskId(event.kind, event.refId);
  // Due the day the contacts are told, even when the event was recorded late (a discharge entered
  // the next morning): nobody can be late for a visit they could not know about.
  const raisedAt = toBeijingIso(now);
  const dueOn = beijingDate(now);
  const detail = event.detail || urgentKindLabels[event.kind];
  const contactIds = [...new Set(family.contacts.filter((c) => c.kind !== 'doctor').map((c) => c.staffId))];
  const tasks = contactIds.map((staffId): Part<UrgentLabel> => {
    const item: UrgentTaskItem = {
      ...keys.urgentTask(event.familyId, taskId, staffId),
      entity: 'urgentTask',
      taskId,
      kind: event.kind,
      refId: event.refId,
      familyId: event.familyId,
      familyName: family.profile.familyName,
      memberId: event.memberId,
      memberName: event.memberName,
      detail,
      staffId,
      happenedAt: toBeijingIso(event.at),
      raisedAt,
      dueOn,
      status: 'open',
      gsi1pk: keys.staffPk(staffId),
      gsi1sk: keys.urgentTaskStaffSk(dueOn, event.familyId, taskId),
    };
    return part('urgentTask', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
  });
  const doctorIds = family.signedDoctorId ? [family.signedDoctorId] : [];
  const recipients = [...new Set([...contactIds, ...doctorIds])].filter((id) => id !== event.actorId);
  const template = urgentTemplates[event.kind];
  const notices = recipients.map((recipientId) =>
    part(
      'urgentNotice',
      outboxPut(
        {
          recipientId,
          template,
          data: { member: event.memberName, item: detail, time: beijingWhen(event.at, now) },
          page: contactIds.includes(recipientId) ? 'packages/ledger/due/index' : 'packages/doctor/queue/index',
          dedupeKey: `urgent#${taskId}#${recipientId}`,
        },
        now,
      ),
    ),
  );
  return [...tasks, ...notices];
}

/**
 * Reads the family (one Query) and returns the event's parts, to be added to the caller's one
 * transaction. A family that cannot be read yields no parts (nobody to tell).
 */
export async function raiseUrgentTask(event: UrgentEvent, now: Date): Promise<Part<UrgentLabel>[]> {
  const family = await readUrgentFamily(event.familyId, event.memberId);
  return family ? urgentTaskParts(event, family, now) : [];
}

/** A contact's open urgent tasks (one Query of their GSI1 partition), as the due list shows them. */
export async function listOpenUrgentTasks(staffId: string, today: string): Promise<UrgentTask[]> {
  const items = (await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':p': keys.urgentTaskStaffPrefix },
  })) as unknown as UrgentTaskItem[];
  return sortUrgentTasks(
    items.map((t) => ({
      taskId: t.taskId,
      kind: t.kind,
      familyId: t.familyId,
      familyName: t.familyName,
      memberName: t.memberName,
      detail: t.detail,
      raisedAt: t.raisedAt,
      dueOn: t.dueOn,
      daysOverdue: urgentDaysOverdue(t.dueOn, today),
    })),
  );
}

/**
 * Closes the caller's task with the home visit that answers it, as a part of the visit's
 * transaction: only an open task of this contact, for an event on or before the visit's day. On
 * refusal the task as it was comes back (`itemOf('task')`) so the caller can say why.
 */
export function closeUrgentTaskPart(input: { familyId: string; taskId: string; staffId: string; contactId: string; visitedOn: string }, now: Date): Part<'task'> {
  return part('task', {
    Update: {
      TableName: tableName(),
      Key: keys.urgentTask(input.familyId, input.taskId, input.staffId),
      UpdateExpression: 'SET #status = :done, contactId = :contactId, visitedOn = :visitedOn, doneAt = :at REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk) AND #status = :open AND dueOn <= :visitedOn',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':open': 'open', ':contactId': input.contactId, ':visitedOn': input.visitedOn, ':at': toBeijingIso(now) },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });
}
