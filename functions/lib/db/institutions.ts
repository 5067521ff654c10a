import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { addDays, BOOKING_RULES, type InstitutionRequest } from '../../../domain';
import type { BookingItem } from './booking/bookings';
import { listHospitalDay } from './booking/bookings';
import type { InstitutionItem } from './booking/sessions';
import { db, tableName } from './client';
import { keys } from './keys';
import { queryAll } from './query-all';
import { part, type Part } from './transact';

/**
 * Designated institutions as the county commission keeps them. One item per institution
 * (`INST#<id>` / `PROFILE`, departments inside), listed per county on GSI1; a retired one moves to
 * its own GSI1 partition, so booking, the sessions job and entitlements (which list the county's
 * institutions) stop offering it without knowing about retirement. Every write is conditioned on
 * the version read, so of two editors at once one is refused and nothing is lost.
 */

export const newInstitutionId = () => `org_${randomBytes(8).toString('hex')}`;
/** Department ids match `[a-z]{2,12}` (they are part of session ids): `d` and eight letters. */
const newDepartmentId = () => `d${Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;

export async function getInstitution(institutionId: string): Promise<InstitutionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.institution(institutionId), ConsistentRead: true }));
  return out.Item as InstitutionItem | undefined;
}

/** Every institution of a county, retired ones included (the commission's list). */
export async function listCountyInstitutions(countyId: string): Promise<InstitutionItem[]> {
  const query = (pk: string) => queryAll<InstitutionItem>({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
  const [active, retired] = await Promise.all([query(keys.institutionsPk(countyId)), query(keys.retiredInstitutionsPk(countyId))]);
  return [...active, ...retired];
}

/** Departments keep their ids (schedules and sessions name them); new ones get a fresh id. */
function withDepartmentIds(departments: InstitutionRequest['departments']): InstitutionItem['departments'] {
  return departments.map((d) => ({ departmentId: d.departmentId ?? newDepartmentId(), name: d.name }));
}

/** The stored item for an institution's fields (no write). */
export function institutionItemOf(countyId: string, institutionId: string, body: InstitutionRequest, version: number, now: Date): InstitutionItem {
  return {
    ...keys.institution(institutionId),
    entity: 'institution',
    institutionId,
    countyId,
    name: body.name,
    kind: body.kind,
    level: body.level,
    address: body.address,
    greenChannelPhone: body.greenChannelPhone,
    greenChannelHours: body.greenChannelHours,
    greenChannelPlace: body.greenChannelPlace,
    meetBy: body.meetBy,
    departments: withDepartmentIds(body.departments),
    servesTownships: body.servesTownships,
    version,
    updatedAt: now.toISOString(),
    gsi1pk: keys.institutionsPk(countyId),
    gsi1sk: keys.institutionsSk(body.kind, institutionId),
  };
}

export type InstitutionLabel = 'institution';

/** A new institution: written only if the id is free. */
export function createInstitutionPart(item: InstitutionItem): Part<InstitutionLabel> {
  return part('institution', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
}

/**
 * Puts the county on the list the daily sessions job walks (generate-sessions.ts), in the same
 * transaction as the county's institution: without it a county other than the first would never
 * get its sessions opened. A plain Put, so each institution of the county writes the same item.
 */
export function institutionCountyPart(countyId: string): Part<'county'> {
  return part('county', { Put: { TableName: tableName(), Item: { ...keys.institutionCounty(countyId), entity: 'institutionCounty', countyId } } });
}

/**
 * An edit made from `version`: refused if anyone changed (or retired) the institution since. An
 * item written before versions existed counts as version 1.
 */
export function updateInstitutionPart(item: InstitutionItem, version: number): Part<InstitutionLabel> {
  return part('institution', {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: version === 1 ? 'attribute_exists(pk) AND attribute_not_exists(retiredAt) AND (attribute_not_exists(version) OR version = :v)' : 'attribute_not_exists(retiredAt) AND version = :v',
      ExpressionAttributeValues: { ':v': version },
    },
  });
}

/** Retired: kept (bookings and history name it) but listed apart and never offered again. */
export function retiredItemOf(old: InstitutionItem, version: number, now: Date): InstitutionItem {
  return { ...old, version: version + 1, retiredAt: now.toISOString(), updatedAt: now.toISOString(), gsi1pk: keys.retiredInstitutionsPk(old.countyId) };
}

/**
 * The institution's bookings still to come. Sessions open at most `windowDays` ahead, so a booking
 * lies within today … today + windowDays: one Query per day on the hospital-day index.
 */
export async function futureBookings(institutionId: string, today: string, now: Date): Promise<BookingItem[]> {
  const days = Array.from({ length: BOOKING_RULES.windowDays + 1 }, (_, i) => addDays(today, i));
  const perDay = await Promise.all(days.map((d) => listHospitalDay(institutionId, d)));
  return perDay.flat().filter((b) => b.status === 'booked' && b.startsAtMs > now.getTime());
}
