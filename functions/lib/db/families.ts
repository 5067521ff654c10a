import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import type { FamilyContactItem, FamilyPartitionItem, FamilyProfileItem, SigningItem } from './items';
import { keys } from './keys';
import { gsiKeyAttributes, type Page, queryPage } from './pagination';
import { queryAll } from './query-all';

export interface FamilyRecord {
  profile: FamilyProfileItem;
  contacts: FamilyContactItem[];
}

/**
 * Profile and contacts of one family in a single Query. The sort-key range runs from the profile
 * (`FAMILY`) through the contact items (`FAMILY#CONTACT#…`) and stops before the signings
 * (`FAMILY#SIGN#…`), which the contacts page does not show.
 */
export async function getFamilyRecord(familyId: string): Promise<FamilyRecord | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.familyPk(familyId),
        ':from': keys.familyProfile(familyId).sk,
        // Past every contact item (staff ids are ASCII), before FAMILY#SIGN#.
        ':to': keys.familyContact(familyId, '\uffff').sk,
      },
    }),
  );
  const items = (out.Items ?? []) as FamilyPartitionItem[];
  const profile = items.find((i): i is FamilyProfileItem => i.entity === 'family');
  if (!profile) return undefined;
  return { profile, contacts: items.filter((i): i is FamilyContactItem => i.entity === 'familyContact') };
}

export async function getFamilyProfile(familyId: string): Promise<FamilyProfileItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.familyProfile(familyId) }));
  return out.Item as FamilyProfileItem | undefined;
}

/** Region attributes only: what a scope check needs, nothing more. */
export async function getFamilyRegion(familyId: string): Promise<{ countyId: string; townshipId: string } | undefined> {
  const out = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.familyProfile(familyId),
      ProjectionExpression: 'countyId, townshipId',
    }),
  );
  return out.Item as { countyId: string; townshipId: string } | undefined;
}

/** Whether a staff member is one of the family's contacts (township, village, doctor, volunteer). */
export async function isFamilyContact(familyId: string, staffId: string): Promise<boolean> {
  const out = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.familyContact(familyId, staffId), ProjectionExpression: 'pk' }),
  );
  return Boolean(out.Item);
}

/**
 * One page of a staff member's GSI1 partition: assignments to families (`FAMILY#`) or signed
 * members (`MEMBER#`), each sort-key range pinned so a cursor cannot wander into the other.
 */
function queryStaffItems<T>(staffId: string, range: { gsi1sk: string; sk: string }, page: { cursor?: string; limit: number }): Promise<Page<T>> {
  const pk = keys.staffPk(staffId);
  return queryPage<T>(
    {
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': range.gsi1sk },
    },
    page,
    { attributes: gsiKeyAttributes('gsi1'), equals: { gsi1pk: pk }, startsWith: range },
  );
}

/** The families a contact person serves: the assignments (one Query) and their profiles (one BatchGet). */
export async function listStaffFamilies(
  staffId: string,
  page: { cursor?: string; limit: number },
): Promise<Page<{ contact: FamilyContactItem; profile: FamilyProfileItem }>> {
  const assignments = await queryStaffItems<FamilyContactItem>(staffId, { gsi1sk: 'FAMILY#', sk: 'FAMILY#CONTACT#' }, page);
  const profiles = await batchGetProfiles(assignments.items.map((c) => c.familyId));
  return {
    items: assignments.items.flatMap((contact) => {
      const profile = profiles.get(contact.familyId);
      return profile ? [{ contact, profile }] : [];
    }),
    nextCursor: assignments.nextCursor,
  };
}

async function batchGetProfiles(familyIds: string[]): Promise<Map<string, FamilyProfileItem>> {
  const profiles = await batchGetAll<FamilyProfileItem>(familyIds.map((id) => keys.familyProfile(id)));
  return new Map(profiles.map((p) => [p.familyId, p]));
}

export function listSignedMembers(doctorId: string, page: { cursor?: string; limit: number }): Promise<Page<SigningItem>> {
  return queryStaffItems<SigningItem>(doctorId, { gsi1sk: 'MEMBER#', sk: 'FAMILY#SIGN#' }, page);
}

/**
 * A township's families (GSI1), or a county's (GSI2), which a county officer may narrow to one
 * township through the sort-key prefix without leaving the county's partition.
 */
export function listRegionFamilies(
  region: { countyId: string; townshipId?: string } | { countyId?: undefined; townshipId: string },
  page: { cursor?: string; limit: number },
): Promise<Page<FamilyProfileItem>> {
  const query: { index: 'gsi1' | 'gsi2'; pk: string; prefix: string } = region.countyId
    ? { index: 'gsi2', pk: keys.countyPk(region.countyId), prefix: region.townshipId ? `FAMILY#${region.townshipId}#` : 'FAMILY#' }
    : { index: 'gsi1', pk: keys.townshipPk(region.townshipId!), prefix: 'FAMILY#' };
  return queryPage<FamilyProfileItem>(
    {
      TableName: tableName(),
      IndexName: query.index,
      KeyConditionExpression: `${query.index}pk = :pk AND begins_with(${query.index}sk, :prefix)`,
      ExpressionAttributeValues: { ':pk': query.pk, ':prefix': query.prefix },
    },
    page,
    {
      attributes: gsiKeyAttributes(query.index),
      equals: { [`${query.index}pk`]: query.pk, sk: 'FAMILY' },
      startsWith: { [`${query.index}sk`]: query.prefix },
    },
  );
}

/**
 * Families that moved out of the county on or after `fromDate` (GSI2, by the day they left): they
 * were still the county's for part of every month up to then, so the monthly export lists them.
 */
export function listTransferredSince(countyId: string, fromDate: string): Promise<FamilyProfileItem[]> {
  return queryAll<FamilyProfileItem>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk >= :from',
    ExpressionAttributeValues: { ':pk': keys.countyTransferredPk(countyId), ':from': fromDate },
  });
}
