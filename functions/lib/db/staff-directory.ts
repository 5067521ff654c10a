import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactLevel } from '../../../domain';
import { db, tableName } from './client';
import type { PersonItem } from './items';
import { keys } from './keys';

/**
 * The contact persons of a township (`STAFFDIR#<t>` / `<level>#<personId>`), so commission staff
 * pick who takes a family over from a list rather than typing ids. Person items are indexed by
 * phone only; the seed writes these entries, and the import should write one per contact person.
 */
export interface StaffDirectoryItem {
  pk: string;
  sk: string;
  entity: 'staffDirectory';
  personId: string;
  name: string;
  title: string;
  organisation: string;
  contactLevel: ContactLevel;
  countyId: string;
  townshipId: string;
}

export function staffDirectoryItem(person: PersonItem, countyId: string): StaffDirectoryItem | undefined {
  if (person.role !== 'contact' || !person.contactLevel || !person.regionId) return undefined;
  return {
    ...keys.staffDirectory(person.regionId, person.contactLevel, person.personId),
    entity: 'staffDirectory',
    personId: person.personId,
    name: person.name,
    title: person.title ?? '',
    organisation: person.organisation ?? '',
    contactLevel: person.contactLevel,
    countyId,
    townshipId: person.regionId,
  };
}

export async function listTownshipStaff(townshipId: string): Promise<StaffDirectoryItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.staffDirectoryPk(townshipId) } }),
  );
  return (out.Items ?? []) as StaffDirectoryItem[];
}

/**
 * A county's doctors and nurses (`DOCDIR#<county>` / `DOCTOR#<personId>`): doctors' person items
 * name no region, so this entry is what says a staff number belongs to the county. Commission
 * staff look a number up here before adding that person to a team; only what the team page shows
 * is kept (no phone, no ID number).
 */
export interface CountyDoctorItem {
  pk: string;
  sk: string;
  entity: 'countyDoctor';
  personId: string;
  name: string;
  title: string;
  organisation: string;
  countyId: string;
}

export function countyDoctorItem(person: PersonItem, countyId: string): CountyDoctorItem | undefined {
  if (person.role !== 'doctor') return undefined;
  return {
    ...keys.countyDoctor(countyId, person.personId),
    entity: 'countyDoctor',
    personId: person.personId,
    name: person.name,
    title: person.title ?? '',
    organisation: person.organisation ?? '',
    countyId,
  };
}

export async function getCountyDoctor(countyId: string, personId: string): Promise<CountyDoctorItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.countyDoctor(countyId, personId) }));
  return out.Item as CountyDoctorItem | undefined;
}
