import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { signingFiguresDelta, toBeijingIso, wantsSigning } from '../../../../domain';
import { outboxCancel } from '../../notify/outbox';
import { listFamilyBookings } from '../booking/bookings';
import { batchGetAll } from '../batch';
import { db, tableName } from '../client';
import { townshipStatsAdd } from '../coverage';
import { followUpReminderKey, type PlanItem } from '../followups';
import type { FamilyContactItem, FamilyProfileItem } from '../items';
import { keys } from '../keys';
import { familyThreadMetas } from '../messaging/inbox';
import { closeConsultation } from '../messaging/consultations';
import type { ThreadMetaItem } from '../messaging/threads';
import { closeContract, type ContractItem, type SigningStateItem } from '../signing';
import { part, type Part } from '../transact';
import { bookingsReleaseParts, readBookingsToRelease, type ReleaseLabel, type ReleaseReads } from './bookings-release';
import { changePut } from './changes';
import { profileUpdate } from './profile';

/**
 * A member's death, as ONE transaction, so nothing keeps running for a person who has died:
 * - the member is marked deceased on the family (kept on the record, no longer counted) and on
 *   their person record;
 * - an active family-doctor contract ends (reason 死亡) with its projection, the member's signing
 *   state and the township's signed/wanting figures; a pending application is let go of too;
 * - the follow-up plan is deleted (which takes it off the doctor's queue) with its reminder;
 * - future bookings are cancelled whatever the cut-off (the place goes back to the quota or to the
 *   next one waiting), waiting-list places given up (an offered place passes on), and their
 *   reminders withdrawn;
 * - the change record (亡故, kept in the family's history as its ledger entry) is written.
 * The caller adds the urgent task (functions/lib/db/urgent-tasks.ts): a 慰问 visit on top of each
 * contact person's due list and a message to them and the signed doctor, in the same transaction.
 * Open consultations of the member close right after (closing is idempotent and keeps its own
 * messaging counters).
 */

export type DeathLabel = 'profile' | 'person' | 'contract' | 'state' | 'projection' | 'counter' | 'plan' | 'change' | ReleaseLabel;

export interface DeathInput {
  profile: FamilyProfileItem;
  contacts: FamilyContactItem[];
  memberId: string;
  diedOn: string;
  note?: string;
  version: number;
  by: { personId: string; name: string };
}

export interface DeathReads extends ReleaseReads {
  state?: SigningStateItem;
  contract?: ContractItem;
  plan?: PlanItem;
  consultations: ThreadMetaItem[];
}

/** Everything the death's transaction will condition on or end, read before it. */
export async function readForDeath(familyId: string, memberId: string, now: Date): Promise<DeathReads> {
  const [found, family, threads] = await Promise.all([
    batchGetAll<SigningStateItem | PlanItem>([keys.signingState(memberId), keys.followUpPlan(memberId)]),
    listFamilyBookings(familyId),
    familyThreadMetas(familyId),
  ]);
  const state = found.find((i): i is SigningStateItem => i.entity === 'signingState');
  const plan = found.find((i): i is PlanItem => i.entity === 'followUpPlan');
  const contract = state?.state === 'signed' && state.contractId
    ? ((await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingContract(memberId, state.contractId) }))).Item as ContractItem | undefined)
    : undefined;
  const release = await readBookingsToRelease(family, new Set([memberId]), now);
  const consultations = threads.filter((t) => t.kind === 'consultation' && t.memberId === memberId && !t.closedAt);
  return { state, contract: contract?.status === 'active' ? contract : undefined, plan, ...release, consultations };
}

/** What the death ends, in plain words, for the change record and the answer. */
export function endedByDeath(reads: DeathReads): string[] {
  return [reads.contract ? '家庭医生签约' : '', reads.plan ? '随访计划' : '', reads.bookings.length ? `${reads.bookings.length} 个预约` : '', reads.waiting.length ? '候补' : '', reads.consultations.length ? '在线咨询' : ''].filter(Boolean);
}

/** The parts of the death's one transaction (see the module comment). */
export function deathParts(input: DeathInput, reads: DeathReads, now: Date): Part<DeathLabel>[] {
  const { profile, memberId } = input;
  const member = profile.members.find((m) => m.personId === memberId)!;
  const at = toBeijingIso(now);
  const T = tableName();
  const members = profile.members.map((m) => (m.personId === memberId ? { ...m, deceasedOn: input.diedOn } : m));
  const out: Part<DeathLabel>[] = [
    part('profile', profileUpdate(profile.familyId, input.version, { members })),
    part('person', {
      Update: { TableName: T, Key: keys.person(memberId), UpdateExpression: 'SET deceasedOn = :d', ConditionExpression: 'familyId = :f', ExpressionAttributeValues: { ':d': input.diedOn, ':f': profile.familyId } },
    }),
  ];

  // Signing: the contract (if active) ends; any state that wants a doctor stops wanting one.
  const { state, contract } = reads;
  const stateFrom = state && (contract || wantsSigning(state.state)) ? state.state : undefined;
  if (contract) {
    out.push(part('contract', closeContract(contract, 'terminated', { reason: 'death', date: input.diedOn, byId: input.by.personId, at })));
  }
  // The family's "signed" projection goes with a signed state, contract or not.
  if (state?.state === 'signed') out.push(part('projection', { Delete: { TableName: T, Key: keys.familySigning(profile.familyId, memberId) } }));
  if (state && stateFrom) {
    out.push(
      part('state', {
        Update: {
          TableName: T,
          Key: keys.signingState(memberId),
          UpdateExpression: 'SET #state = :terminated, updatedAt = :at REMOVE contractId, endDate, applicationId, deadline',
          ConditionExpression: '#state = :from',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':terminated': 'terminated', ':from': stateFrom, ':at': at },
        },
      }),
    );
  }
  // One update of the township's figures (a transaction may touch an item once).
  const signing = stateFrom ? signingFiguresDelta(stateFrom, 'terminated') : { wantingMembers: 0, signedMembers: 0 };
  out.push(part('counter', townshipStatsAdd(profile, { members: member.deceasedOn ? 0 : -1, ...signing })));

  if (reads.plan) {
    out.push(part('plan', { Delete: { TableName: T, Key: keys.followUpPlan(memberId), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': reads.plan.version } } }));
    out.push(part('reminder', outboxCancel(followUpReminderKey(memberId))));
  }

  out.push(...bookingsReleaseParts(reads, new Set([memberId]), '成员亡故', now));

  const ended = endedByDeath(reads);
  out.push(
    part(
      'change',
      changePut(
        {
          familyId: profile.familyId,
          townshipId: profile.townshipId,
          kind: 'death',
          by: input.by,
          memberId,
          summary: `${member.name}于${input.diedOn}亡故${ended.length ? `，已终止：${ended.join('、')}` : ''}${input.note ? `（${input.note}）` : ''}`,
          before: { [member.name]: '在世' },
          after: { [member.name]: `${input.diedOn} 亡故` },
        },
        now,
      ),
    ),
  );
  return out;
}

/** Closes the member's open consultations after the death's transaction (idempotent). */
export async function closeConsultationsAfterDeath(reads: DeathReads, now: Date): Promise<void> {
  for (const meta of reads.consultations) await closeConsultation(meta, now);
}
