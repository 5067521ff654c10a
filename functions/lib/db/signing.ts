import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand, type QueryCommandInput, type QueryCommandOutput, TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  contractEndDate,
  type Gender,
  type PackageId,
  promisesOf,
  type ServiceKind,
  type SigningState,
  type TeamMember,
  type TeamRole,
  type TerminationReason,
} from '../../../domain';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import type { FamilyContactItem, SigningItem } from './items';
import { keys } from './keys';

/**
 * Family-doctor signing in the table. A member's partition `SIGNING#<memberId>` holds:
 * - `STATE`: the member's signing state and the one-active-contract guard. Every change of state
 *   is conditioned on it (applied → signed only for the application named; signed → terminated
 *   only for the contract named), so two acceptances racing cannot both make a contract.
 *   It is also the member's row in the coverage figures (GSI1 by township, GSI2 by county).
 * - `APP#<id>`: applications, in the team lead's GSI1 partition while pending (sparse index).
 * - `CONTRACT#<id>`: contracts and their history; ids sort by start date. An active contract sits
 *   in its team's GSI1 partition by end date (renewal list), removed when it ends.
 * The foundation's SigningItem (`FAMILY#<f>`/`FAMILY#SIGN#<m>`) stays the "current signing"
 * projection the doctors' lists and authorization read: every transaction that makes, moves or
 * ends a contract writes it too.
 */

export interface TeamStaff {
  personId: string;
  name: string;
  role: TeamRole;
  title: string;
  organisation: string;
  phone: string;
}

export interface TeamItem {
  pk: string;
  sk: 'TEAM';
  entity: 'team';
  teamId: string;
  name: string;
  countyId: string;
  townshipId: string;
  povertyForm: boolean;
  villageIds: string[];
  villageNames: string[];
  /** First responsible GP: answers applications. */
  leadId: string;
  /** The doctor a new contract names as responsible, per village served. */
  responsibleByVillage: Record<string, string>;
  members: TeamStaff[];
  /** Bumped by every edit; an edit names the version it read (optimistic lock). */
  version?: number;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
}

export interface TeamMemberItem {
  pk: string;
  sk: string;
  entity: 'teamMember';
  teamId: string;
  staffId: string;
  role: TeamRole;
  gsi1pk: string;
  gsi1sk: string;
}

export interface VillageTeamItem {
  pk: string;
  sk: 'TEAM';
  entity: 'villageTeam';
  villageId: string;
  teamId: string;
}

export interface MemberSnapshot {
  name: string;
  relation: string;
  gender: Gender;
  birthDate: string;
  villageId: string;
  villageName: string;
  townshipId: string;
  townshipName: string;
  countyId: string;
  conditions: string[];
  phoneMasked: string;
}

export interface SigningStateItem {
  pk: string;
  sk: 'STATE';
  entity: 'signingState';
  memberId: string;
  familyId: string;
  memberName: string;
  villageName: string;
  townshipId: string;
  townshipName: string;
  state: SigningState;
  applicationId?: string;
  deadline?: string;
  contractId?: string;
  teamId?: string;
  teamName?: string;
  endDate?: string;
  updatedAt: string;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

export interface ApplicationItem {
  pk: string;
  sk: string;
  entity: 'signingApplication';
  applicationId: string;
  memberId: string;
  familyId: string;
  member: MemberSnapshot;
  teamId: string;
  teamName: string;
  leadId: string;
  doctor: TeamStaff;
  teamContact: { name: string; members: TeamMember[] };
  packageIds: PackageId[];
  submittedAt: string;
  submittedById: string;
  deadline: string;
  status: 'pending' | 'accepted' | 'declined';
  decidedAt?: string;
  declineReason?: string;
  contractId?: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

export interface ContractConfirmation {
  kind: 'signature' | 'tap' | 'paper';
  at: string;
  byId: string;
  byName: string;
  imageKind?: 'png' | 'jpeg';
  bytes?: number;
  /** The drawn signature's object in the attachments bucket (signature-store.ts). */
  key?: string;
  contentType?: string;
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

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const newId = (prefix: string, date?: string) => `${prefix}_${date ? date.replace(/-/g, '') : ''}${randomBytes(6).toString('hex')}`;
export const newContractId = (startDate: string) => newId('ct', startDate);
export const zeroServices = (): Record<ServiceKind, number> => ({ followUps: 0, homeVisits: 0, consultations: 0, refills: 0 });

/** Every item a Query matches, following LastEvaluatedKey (DynamoDB stops each page at 1 MB). */
export async function queryAll<T>(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out: QueryCommandOutput = await db().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

// ---- builders (used by handlers, the seed and test fixtures) ----------------------------------

export function teamItems(team: Omit<TeamItem, 'pk' | 'sk' | 'entity'>): Array<TeamItem | TeamMemberItem | VillageTeamItem> {
  return [
    {
      ...keys.team(team.teamId),
      entity: 'team',
      ...team,
      version: team.version ?? 1,
      gsi1pk: keys.teamsTownshipPk(team.townshipId),
      gsi1sk: keys.teamRegionSk(team.townshipId, team.teamId),
      gsi2pk: keys.teamsCountyPk(team.countyId),
      gsi2sk: keys.teamRegionSk(team.townshipId, team.teamId),
    },
    ...team.members.map((m): TeamMemberItem => ({
      ...keys.teamMember(team.teamId, m.personId),
      entity: 'teamMember',
      teamId: team.teamId,
      staffId: m.personId,
      role: m.role,
      gsi1pk: keys.staffPk(m.personId),
      gsi1sk: keys.staffTeamSk(team.teamId),
    })),
    ...team.villageIds.map((villageId): VillageTeamItem => ({ ...keys.villageTeam(villageId), entity: 'villageTeam', villageId, teamId: team.teamId })),
  ];
}

export function teamContactOf(team: TeamItem): { name: string; members: TeamMember[] } {
  return { name: team.name, members: team.members.map((m) => ({ name: m.name, role: m.role, phone: m.phone })) };
}

export function stateItem(
  memberId: string,
  familyId: string,
  member: MemberSnapshot,
  fields: Pick<SigningStateItem, 'state' | 'updatedAt'> & Partial<SigningStateItem>,
): SigningStateItem {
  return {
    ...keys.signingState(memberId),
    entity: 'signingState',
    memberId,
    familyId,
    memberName: member.name,
    villageName: member.villageName,
    townshipId: member.townshipId,
    townshipName: member.townshipName,
    ...fields,
    gsi1pk: keys.coverageTownshipPk(member.townshipId),
    gsi1sk: keys.coverageSk(member.townshipId, memberId),
    gsi2pk: keys.coverageCountyPk(member.countyId),
    gsi2sk: keys.coverageSk(member.townshipId, memberId),
  };
}

export function contractItem(input: {
  contractId: string;
  memberId: string;
  familyId: string;
  member: MemberSnapshot;
  teamId: string;
  teamName: string;
  doctor: TeamStaff;
  teamContact: { name: string; members: TeamMember[] };
  packageIds: PackageId[];
  startDate: string;
  endDate?: string;
  source: ContractItem['source'];
  createdAt: string;
  applicationId?: string;
  previousContractId?: string;
  confirmation?: ContractConfirmation;
  delivered?: Record<ServiceKind, number>;
}): ContractItem {
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

// ---- reads -----------------------------------------------------------------------------------

export async function getTeam(teamId: string): Promise<TeamItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.team(teamId) }));
  return out.Item as TeamItem | undefined;
}

export async function getVillageTeam(villageId: string): Promise<TeamItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.villageTeam(villageId) }));
  const link = out.Item as VillageTeamItem | undefined;
  return link ? getTeam(link.teamId) : undefined;
}

/** The teams a staff member belongs to (GSI1, one Query). */
export async function getStaffTeamIds(staffId: string): Promise<string[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':p': 'TEAM#' },
    }),
  );
  return ((out.Items ?? []) as TeamMemberItem[]).map((i) => i.teamId);
}

export async function getSigningStates(memberIds: string[]): Promise<SigningStateItem[]> {
  return batchGetAll<SigningStateItem>(memberIds.map((id) => keys.signingState(id)));
}

/** A member's STATE item, read strongly consistent: a transition is conditioned on what it says. */
export async function getSigningState(memberId: string): Promise<SigningStateItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingState(memberId), ConsistentRead: true }));
  return out.Item as SigningStateItem | undefined;
}

export async function getApplication(memberId: string, applicationId: string): Promise<ApplicationItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingApplication(memberId, applicationId), ConsistentRead: true }));
  return out.Item as ApplicationItem | undefined;
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

/** Pending applications addressed to a team lead, oldest deadline first: one Query. */
export async function listLeadApplications(leadId: string, limit: number): Promise<ApplicationItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(leadId), ':p': 'SIGNAPP#' },
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as ApplicationItem[];
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

/** Every member's signing state in a county (GSI2) or township (GSI1): one Query, paged. */
export function listCoverageStates(region: { countyId: string; townshipId?: string } | { townshipId: string; countyId?: undefined }): Promise<SigningStateItem[]> {
  const q = region.countyId
    ? { index: 'gsi2', pk: keys.coverageCountyPk(region.countyId), prefix: region.townshipId ? `${region.townshipId}#` : '' }
    : { index: 'gsi1', pk: keys.coverageTownshipPk(region.townshipId!), prefix: '' };
  return queryAll<SigningStateItem>({
    TableName: tableName(),
    IndexName: q.index,
    KeyConditionExpression: q.prefix ? `${q.index}pk = :pk AND begins_with(${q.index}sk, :p)` : `${q.index}pk = :pk`,
    ExpressionAttributeValues: q.prefix ? { ':pk': q.pk, ':p': q.prefix } : { ':pk': q.pk },
  });
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

// ---- writes ----------------------------------------------------------------------------------

export class TransactionRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(`transaction cancelled: ${reasons.join(',')}`);
  }
}

const CONFLICT_RETRIES = 3;

/**
 * One TransactWriteItems; a cancelled one throws TransactionRefused with each item's reason.
 * Signing transactions share the township's counter item (signingCounterAdd), so two members of a
 * township signed at the same instant can collide on it (TransactionConflict, not a failed
 * condition): those are tried again, a few times, after a short random pause.
 */
export async function transact(items: TransactItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      if ((err as Error).name !== 'TransactionCanceledException') throw err;
      const reasons = ((err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      const conflictOnly = reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (!conflictOnly || attempt >= CONFLICT_RETRIES) throw new TransactionRefused(reasons);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * (attempt + 1)));
    }
  }
}

export const put = (Item: object, ConditionExpression?: string, names?: Record<string, string>, values?: Record<string, unknown>): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: Item as Record<string, unknown>,
    ...(ConditionExpression ? { ConditionExpression } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
  },
});

/**
 * The member's new STATE item, put only if the item is still in the state `from` that was read
 * (absent when undefined). The dashboard's counter change is computed from `from`, so the
 * condition is what makes it right; two writers that read the same state cannot both commit.
 */
export function putStateFrom(item: SigningStateItem, from: SigningState | undefined): TransactItem {
  return from ? put(item, '#state = :from', { '#state': 'state' }, { ':from': from }) : put(item, 'attribute_not_exists(pk)');
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
