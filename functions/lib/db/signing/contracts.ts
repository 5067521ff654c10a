import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ActedBy, contractEndDate, type PackageId, promisesOf, type ServiceKind, type TeamMember, type TerminationReason } from '../../../../domain';
import { db, tableName } from '../client';
import type { FamilyContactItem, SigningItem } from '../items';
import { keys } from '../keys';
import { queryAll } from '../query-all';
import type { TransactItem } from '../transact';
import type { MemberSnapshot, SigningStateItem } from './states';
import type { TeamStaff } from './teams';

/**
 * Contracts, `SIGNING#<memberId>`/`CONTRACT#<id>`, and their history; ids sort by start date. An
 * active contract sits in its team's GSI1 partition by end date (renewal list), removed when it
 * ends. The foundation's SigningItem (`FAMILY#<f>`/`FAMILY#SIGN#<m>`) stays the "current signing"
 * projection the doctors' lists and authorization read: every transaction that makes, moves or
 * ends a contract writes it too.
 */

export interface ContractConfirmation {
  kind: 'signature' | 'tap' | 'paper';
  at: string;
  byId: string;
  byName: string;
  imageKind?: 'png' | 'jpeg';
  bytes?: number;
  /** The drawn signature's (or the paper form photo's) object in the attachments bucket (signature-store.ts). */
  key?: string;
  contentType?: string;
  /** A paper contract is confirmed by the team acting for the family (代办). */
  actedBy?: ActedBy;
}

export interface ContractItem {
  pk: string;
  sk: string;
  entity: 'signingContract';
  contractId: string;
  memberId: string;
  familyId: string;
  member: MemberSnapshot;
  teamId: string;
  teamName: string;
  doctor: TeamStaff;
  teamContact: { name: string; members: TeamMember[] };
  packageIds: PackageId[];
  promised: Record<ServiceKind, number>;
  /** Counters the delivering features increment (recordContractService). */
  delivered: Record<ServiceKind, number>;
  startDate: string;
  endDate: string;
  status: 'active' | 'renewed' | 'terminated';
  source: 'application' | 'home_visit' | 'renewal' | 'team_change' | 'seed';
  applicationId?: string;
  previousContractId?: string;
  createdAt: string;
  confirmation?: ContractConfirmation;
  termination?: { reason: TerminationReason; date: string; byId: string; at: string };
  gsi1pk?: string;
  gsi1sk?: string;
}

const newId = (prefix: string, date?: string) => `${prefix}_${date ? date.replace(/-/g, '') : ''}${randomBytes(6).toString('hex')}`;
export const newContractId = (startDate: string) => newId('ct', startDate);
export const zeroServices = (): Record<ServiceKind, number> => ({ followUps: 0, homeVisits: 0, consultations: 0, refills: 0 });

/** What a new contract is made from; the rest (promises, counters, status, index keys) follows. */
export type NewContract = Pick<
  ContractItem,
  'contractId' | 'memberId' | 'familyId' | 'member' | 'teamId' | 'teamName' | 'doctor' | 'teamContact' | 'packageIds' | 'startDate' | 'source' | 'createdAt'
> &
  Partial<Pick<ContractItem, 'endDate' | 'applicationId' | 'previousContractId' | 'confirmation' | 'delivered'>>;

export function contractItem(input: NewContract): ContractItem {
  const endDate = input.endDate ?? contractEndDate(input.startDate);
  return {
    ...keys.signingContract(input.memberId, input.contractId),
    entity: 'signingContract',
    ...input,
    endDate,
    promised: promisesOf(input.packageIds),
    delivered: input.delivered ?? zeroServices(),
    status: 'active',
    gsi1pk: keys.teamPk(input.teamId),
    gsi1sk: keys.teamContractSk(endDate, input.contractId),
  };
}

/** The foundation's "current signing" projection for a contract. */
export function signingProjection(contract: ContractItem): SigningItem {
  const m = contract.member;
  return {
    ...keys.familySigning(contract.familyId, contract.memberId),
    entity: 'signing',
    familyId: contract.familyId,
    memberId: contract.memberId,
    doctorId: contract.doctor.personId,
    teamName: contract.teamName,
    signedOn: contract.startDate,
    member: { name: m.name, gender: m.gender, birthDate: m.birthDate, villageName: m.villageName, conditions: m.conditions, phoneMasked: m.phoneMasked },
    gsi1pk: keys.staffPk(contract.doctor.personId),
    gsi1sk: keys.staffMemberSk(contract.memberId),
  };
}

/**
 * The family's doctor contact (FAMILY#CONTACT#<doctor>) made or refreshed with the contract's team,
 * keeping the original assignment time: it is what lets the doctor reach the family (scope.ts).
 */
export function doctorContactUpdate(contract: ContractItem, at: string): TransactItem {
  const d = contract.doctor;
  const key = keys.familyContact(contract.familyId, d.personId);
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression:
        'SET entity = :entity, familyId = :f, kind = if_not_exists(kind, :kind), staffId = :s, #name = :name, title = :title, organisation = :org, phone = :phone, team = :team, assignedAt = if_not_exists(assignedAt, :at), gsi1pk = :g1, gsi1sk = :g1s',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':entity': 'familyContact' satisfies FamilyContactItem['entity'],
        ':f': contract.familyId,
        ':kind': 'doctor',
        ':s': d.personId,
        ':name': d.name,
        ':title': d.title,
        ':org': d.organisation,
        ':phone': d.phone,
        ':team': contract.teamContact,
        ':at': at,
        ':g1': keys.staffPk(d.personId),
        ':g1s': keys.staffFamilySk(contract.familyId),
      },
    },
  };
}

export async function getContract(memberId: string, contractId: string): Promise<ContractItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingContract(memberId, contractId), ConsistentRead: true }));
  return out.Item as ContractItem | undefined;
}

/** A member's contracts, newest first (ids sort by start date): one Query. */
export function listMemberContracts(memberId: string): Promise<ContractItem[]> {
  return queryAll<ContractItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': keys.signingPk(memberId), ':p': 'CONTRACT#' },
    ScanIndexForward: false,
  });
}

/** A team's active contracts ending between two dates (inclusive): one Query. */
export function listTeamContractsEnding(teamId: string, from: string, to: string): Promise<ContractItem[]> {
  return queryAll<ContractItem>({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.teamPk(teamId), ':from': `END#${from}`, ':to': `END#${to}#~` },
  });
}

/** Items of one contract's ending: the contract closed, out of the team's renewal index. */
export function closeContract(
  contract: ContractItem,
  status: 'renewed' | 'terminated',
  termination?: ContractItem['termination'],
): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.signingContract(contract.memberId, contract.contractId),
      UpdateExpression: `SET #status = :status${termination ? ', termination = :t' : ''} REMOVE gsi1pk, gsi1sk`,
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':active': 'active', ...(termination ? { ':t': termination } : {}) },
    },
  };
}

// ---- for other features ------------------------------------------------------------------------

/**
 * Whether staff X is on the team of member M's active contract: the signed doctor's team may read
 * the member's health file (follow-ups). Two key reads: the member's state names the team, the
 * team-member item says whether X is on it.
 */
export async function isStaffOnMemberContractTeam(staffId: string, memberId: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingState(memberId), ProjectionExpression: '#s, teamId', ExpressionAttributeNames: { '#s': 'state' } }));
  const state = out.Item as Pick<SigningStateItem, 'state' | 'teamId'> | undefined;
  if (state?.state !== 'signed' || !state.teamId) return false;
  const member = await db().send(new GetCommand({ TableName: tableName(), Key: keys.teamMember(state.teamId, staffId), ProjectionExpression: 'pk' }));
  return Boolean(member.Item);
}

/**
 * One element for a feature's own TransactWriteItems: counts one delivered service (a follow-up
 * done, a home visit, a consultation answered, a refill handled) on the member's active contract.
 * The caller names the contract (from the member's STATE item); the condition keeps a count from
 * landing on a contract that has ended meanwhile.
 */
export function contractServiceIncrement(memberId: string, contractId: string, kind: ServiceKind | readonly ServiceKind[]): TransactItem {
  // Several kinds at once (a home-visit follow-up is a follow-up and a home visit): one Update,
  // since a transaction may touch the contract item only once.
  const kinds = typeof kind === 'string' ? [kind] : kind;
  return {
    Update: {
      TableName: tableName(),
      Key: keys.signingContract(memberId, contractId),
      UpdateExpression: `ADD ${kinds.map((_, i) => `delivered.#k${i} :one`).join(', ')}`,
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { ...Object.fromEntries(kinds.map((k, i) => [`#k${i}`, k])), '#status': 'status' },
      ExpressionAttributeValues: { ':one': 1, ':active': 'active' },
    },
  };
}

/** The same as a single write, for a feature that has no transaction of its own. */
export async function recordContractService(memberId: string, kind: ServiceKind): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingState(memberId), ProjectionExpression: '#s, contractId', ExpressionAttributeNames: { '#s': 'state' } }));
  const state = out.Item as Pick<SigningStateItem, 'state' | 'contractId'> | undefined;
  if (state?.state !== 'signed' || !state.contractId) return false;
  const update = contractServiceIncrement(memberId, state.contractId, kind).Update!;
  try {
    await db().send(new UpdateCommand(update as ConstructorParameters<typeof UpdateCommand>[0]));
    return true;
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}
