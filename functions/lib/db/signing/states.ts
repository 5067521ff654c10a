import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Gender, SigningState } from '../../../../domain';
import { batchGetAll } from '../batch';
import { tableName, db } from '../client';
import { keys } from '../keys';
import { queryAll } from '../query-all';
import type { TransactItem } from '../transact';
import { put } from './put';

/**
 * A member's signing state, `SIGNING#<memberId>`/`STATE`: the one-active-contract guard every
 * change of state is conditioned on (applied → signed only for the application named; signed →
 * terminated only for the contract named), and the member's row in the coverage figures (GSI1 by
 * township, GSI2 by county).
 */

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

export async function getSigningStates(memberIds: string[]): Promise<SigningStateItem[]> {
  return batchGetAll<SigningStateItem>(memberIds.map((id) => keys.signingState(id)));
}

/** A member's STATE item, read strongly consistent: a transition is conditioned on what it says. */
export async function getSigningState(memberId: string): Promise<SigningStateItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingState(memberId), ConsistentRead: true }));
  return out.Item as SigningStateItem | undefined;
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

/**
 * The member's new STATE item, put only if the item is still in the state `from` that was read
 * (absent when undefined). The dashboard's counter change is computed from `from`, so the
 * condition is what makes it right; two writers that read the same state cannot both commit.
 */
export function putStateFrom(item: SigningStateItem, from: SigningState | undefined): TransactItem {
  return from ? put(item, '#state = :from', { '#state': 'state' }, { ':from': from }) : put(item, 'attribute_not_exists(pk)');
}
