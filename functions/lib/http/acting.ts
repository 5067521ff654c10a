import { randomUUID } from 'node:crypto';
import { type ActedBy, actingActionLabels, actingDecision, actingMessages, type ActingAction, beijingWhen, type Principal, toBeijingIso } from '../../../domain';
import { batchGetAll } from '../db/batch';
import { tableName } from '../db/client';
import { isOnContractTeam, itemAt, type MemberContext } from '../db/followups';
import type { AuditItem, FamilyProfileItem, PersonItem, SigningItem } from '../db/items';
import { keys } from '../db/keys';
import { part, type Part } from '../db/transact';
import { outboxPut } from '../notify/outbox';
import { ApiHttpError, forbidden, notFound } from './errors';

/**
 * THE way a handler acts on a family's behalf (代办). One BatchGet reads what the decision needs
 * (the caller's own record for their name, the family's profile for its members, the family's
 * acting setting, the caller's contact place in the family, and for a member-level action the
 * member's signing and signing state) together with whatever the handler itself needs
 * (`extraKeys`); a doctor who is not the member's signed doctor costs one more key-only GetItem
 * (the contract team's membership). Then the one rule (domain/policy/acting.ts) decides.
 *
 * What it yields: `actedBy`, stamped on the item the handler writes, and `parts(...)` for the
 * handler's ONE transaction: a ConditionCheck that the family has not meanwhile asked that nobody
 * acts for it (label `acting`, refused with `actingRefusals`), the line in the family's access log,
 * and a notice to each member of the family (the sender delivers to those who use WeChat and
 * skips the rest: functions/lib/notify/deliver.ts).
 */
type Key = { pk: string; sk: string };

export interface Acting {
  actedBy: ActedBy;
  family: FamilyProfileItem;
  /** The family asked that nobody acts for it (only ever true with `evenIfRefused`). */
  refused: boolean;
  /** Everything read, the handler's `extraKeys` included. */
  items: ReadonlyArray<Record<string, unknown> & Key>;
  get<T>(key: Key): T | undefined;
  /**
   * The parts that go into the action's transaction. `subject` is the member the action is about
   * (or the family's first member for a family-level action); `detail` says what, in a few words;
   * `page` is where the members' notice opens.
   */
  parts(input: { action: ActingAction; subject?: { personId: string; name: string }; detail?: string; page: string; now: Date }): Part<'acting' | 'other'>[];
}

/** The notice to one member about one action: named after the access-log line's id (its sort key's suffix). */
export const actedNoticeKey = (auditId: string, memberId: string) => `acted-${auditId}-${memberId}`;

export const familyRefusedError = () => new ApiHttpError(403, 'acting_refused', actingMessages.refused);

/** For a handler's `refusals`: the family asked, between the read and the write, that nobody acts for it. */
export const actingRefusals = { acting: familyRefusedError } as const;

export async function actFor(
  principal: Principal,
  target: {
    familyId: string;
    /**
     * The member the action is about; a function when it is known only from an item read with
     * the acting checks (a booking's member): a doctor then pays a second BatchGet for the signing.
     */
    memberId?: string | ((get: <T>(k: Key) => T | undefined) => string | undefined);
  },
  extraKeys: readonly Key[] = [],
  /** For the page before acting: the family's refusal is shown there, not raised. */
  opts: { evenIfRefused?: boolean } = {},
): Promise<Acting> {
  const { familyId } = target;
  if (principal.role !== 'contact' && principal.role !== 'doctor') throw forbidden(actingMessages.role);
  const memberKeys = (id: string) => [keys.familySigning(familyId, id), keys.signingState(id)];
  const known = typeof target.memberId === 'string' ? target.memberId : undefined;
  const items = await batchGetAll<Record<string, unknown> & Key>([
    keys.person(principal.personId),
    keys.familyProfile(familyId),
    keys.actingSetting(familyId),
    keys.familyContact(familyId, principal.personId),
    ...(known ? memberKeys(known) : []),
    ...extraKeys,
  ]);
  const get = <T>(k: Key) => itemAt<T>(items, k);
  const memberId = typeof target.memberId === 'function' ? target.memberId(get) : known;
  const family = get<FamilyProfileItem>(keys.familyProfile(familyId));
  // A member of another family is never "signed to the caller" here: the signing state names no
  // family, so it is consulted only for a member of this one.
  const inFamily = Boolean(memberId && family?.members.some((m) => m.personId === memberId));
  let signedToCaller: boolean | undefined;
  if (memberId && principal.role === 'doctor') {
    if (inFamily && !known) items.push(...(await batchGetAll<Record<string, unknown> & Key>(memberKeys(memberId))));
    const signing = inFamily ? get<SigningItem>(keys.familySigning(familyId, memberId)) : undefined;
    signedToCaller =
      inFamily &&
      (signing?.doctorId === principal.personId || (await isOnContractTeam(get<MemberContext['contract']>(keys.signingState(memberId)), principal.personId)));
  }
  const setting = get<{ refused?: boolean }>(keys.actingSetting(familyId));
  const decision = actingDecision(principal, {
    assigned: Boolean(get(keys.familyContact(familyId, principal.personId))),
    signedToCaller,
    forMember: Boolean(memberId),
    refused: setting?.refused === true && !opts.evenIfRefused,
  });
  if (!decision.allowed) throw decision.reason === 'refused' ? familyRefusedError() : forbidden(actingMessages[decision.reason]);
  if (!family) throw notFound('没有找到这户家庭');
  if (memberId && !inFamily) throw notFound(actingMessages.noMember);
  const staff = get<PersonItem>(keys.person(principal.personId));
  // The family's log names who acted: without the caller's own record, refuse rather than write an anonymous line.
  if (!staff) throw notFound('没有找到您的工作人员信息，请联系管理员');
  const actedBy: ActedBy = { staffId: staff.personId, name: staff.name, role: principal.role };

  return {
    actedBy,
    family,
    refused: setting?.refused === true,
    items,
    get,
    parts: ({ action, subject, detail, page, now }) => {
      const who = subject ?? family.members[0] ?? { personId: familyId, name: family.familyName };
      const at = toBeijingIso(now);
      const id = randomUUID();
      const audit: AuditItem = {
        pk: keys.auditPk(familyId),
        // The access log's instant key (functions/lib/db/audit.ts) with a random suffix.
        sk: `${String(now.getTime()).padStart(15, '0')}#${id}`,
        entity: 'audit',
        familyId,
        at,
        viewerId: staff.personId,
        viewerName: staff.name,
        viewerRole: principal.role,
        organisation: staff.organisation ?? '',
        subjectId: who.personId,
        subjectName: who.name,
        action,
        ...(detail ? { actionDetail: detail } : {}),
        routeId: `acting.${action}`,
      };
      const item = actingActionLabels[action] + (detail ? '：' + detail : '');
      return [
        part('acting', {
          ConditionCheck: {
            TableName: tableName(),
            Key: keys.actingSetting(familyId),
            ConditionExpression: 'attribute_not_exists(refused) OR refused = :no',
            ExpressionAttributeValues: { ':no': false },
          },
        }),
        part('other', { Put: { TableName: tableName(), Item: audit } }),
        ...family.members.map((m) =>
          part('other', outboxPut({ recipientId: m.personId, template: 'family.acted', data: { name: staff.name, item, time: beijingWhen(at, at) }, page, dedupeKey: actedNoticeKey(id, m.personId) }, now)),
        ),
      ];
    },
  };
}
