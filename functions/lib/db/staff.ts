import { idNumberFacts, postOf, staffPosts, toBeijingIso, type Principal, type StaffPost, type StaffView, type TeamRole } from '../../../domain';
import { maskPhone } from '../../../domain/policy/masking';
import { blindIndex, encryptField } from '../crypto/field-crypto';
import { conflict } from '../http/errors';
import { batchGetAll } from './batch';
import { tableName } from './client';
import { countyOfTownship } from './dashboard';
import { idGuardItem, idIndex, personIdOf, personItem } from './imports';
import type { PersonItem } from './items';
import { keys } from './keys';
import { queryAll } from './query-all';
import { countyDoctorItem, staffDirectoryItem } from './staff-directory';
import { part, type Part, transact } from './transact';

/**
 * Staff records (人员管理): the one code path that creates a staff member of any post, used by the
 * form, the staff import and the demo seed alike. A staff member is a PersonItem (so they bind
 * their WeChat as members do: name, ID number, phone), with the lookup entries their post needs
 * (a township's contact directory, a county's doctor directory), a guard on the ID number (one
 * person per number, shared with the family import), and a roster entry, so a county's people
 * are listed with one Query.
 */
export interface StaffRosterItem {
  pk: string;
  sk: string;
  entity: 'staffRoster';
  personId: string;
  post: StaffPost;
  countyId: string;
  townshipId?: string;
}

export interface NewStaff {
  /** Kept when given (the demo county's fixed ids); otherwise derived from the ID number, as the import does. */
  personId?: string;
  post: StaffPost;
  name: string;
  idNumber: string;
  phone: string;
  countyId: string;
  townshipId?: string;
  organisation: string;
  title: string;
  workPhone: string;
  orgId?: string;
  teamRoles?: TeamRole[];
  /** The import row's digest, so a re-import of the same row is recognised. */
  digest?: string;
}

/** What `regionId` a post's staff carry: their township, their county, or none (institution staff). */
export function regionOfPost(post: StaffPost, where: { countyId: string; townshipId?: string }): string | undefined {
  const region = staffPosts[post].region;
  return region === 'township' ? where.townshipId : region === 'county' ? where.countyId : undefined;
}

/** Every item a new staff member is, each to be put only if it does not exist yet. */
export async function newStaffItems(input: NewStaff): Promise<{ person: PersonItem; items: object[] }> {
  const info = staffPosts[input.post];
  const index = await idIndex(input.idNumber);
  const personId = input.personId ?? personIdOf(index);
  const facts = idNumberFacts(input.idNumber);
  const person = await personItem({ line: 0, idNumber: input.idNumber, name: input.name, ...facts, phone: input.phone }, personId, {
    role: info.role,
    contactLevel: info.contactLevel,
    commissionLevel: info.commissionLevel,
    regionId: regionOfPost(input.post, input),
    orgId: input.orgId,
    organisation: input.organisation,
    title: input.title,
    workPhone: input.workPhone,
    post: input.post,
    countyId: input.countyId,
    status: 'active',
    version: 1,
    teamRoles: input.teamRoles,
  });
  const roster: StaffRosterItem = {
    ...keys.staffRoster(input.countyId, info.region === 'township' ? input.townshipId : undefined, personId),
    entity: 'staffRoster',
    personId,
    post: input.post,
    countyId: input.countyId,
    townshipId: info.region === 'township' ? input.townshipId : undefined,
  };
  const lookups = [staffDirectoryItem(person, input.countyId), countyDoctorItem(person, input.countyId)].filter((x) => x !== undefined);
  return { person, items: [person, roster, ...lookups, idGuardItem(index, personId, input.digest ? { digest: input.digest } : {})] };
}

/**
 * Creates a staff member in one transaction; refused if the ID number (or the id) is taken.
 * `extra` adds parts made from the new person (a route's Idempotency-Key answer).
 */
export async function createStaff(input: NewStaff, extra: (person: PersonItem) => Part[] = () => []): Promise<PersonItem> {
  const { person, items } = await newStaffItems(input);
  const taken = () => conflict('这个身份证号已经登记过，不能重复添加（可在人员列表中找到这位人员）');
  await transact(
    [...extra(person), ...items.map((Item) => part((Item as { entity: string }).entity === 'idNumberGuard' ? 'guard' : 'item', { Put: { TableName: tableName(), Item: Item as Record<string, unknown>, ConditionExpression: 'attribute_not_exists(pk)' } }))],
    { refusals: { guard: taken, item: taken } },
  );
  return person;
}

export const staffStatusOf = (p: PersonItem) => p.status ?? 'active';

export function staffView(p: PersonItem): StaffView {
  const post = postOf(p)!;
  return {
    personId: p.personId,
    name: p.name,
    post,
    status: staffStatusOf(p),
    countyId: p.countyId ?? '',
    townshipId: staffPosts[post].region === 'township' ? p.regionId : undefined,
    organisation: p.organisation ?? '',
    title: p.title ?? '',
    workPhone: p.workPhone ?? '',
    phoneMasked: p.phoneMasked,
    orgId: p.orgId,
    teamRoles: p.teamRoles,
    bound: Boolean(p.openid),
    version: p.version ?? 0,
  };
}

/** A county's staff, or one township's (roster entries, then the persons in one BatchGet). */
export async function listStaff(countyId: string, townshipId?: string): Promise<PersonItem[]> {
  const roster = await queryAll<StaffRosterItem>({
    TableName: tableName(),
    KeyConditionExpression: townshipId ? 'pk = :pk AND begins_with(sk, :t)' : 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.staffRosterPk(countyId), ...(townshipId ? { ':t': `${townshipId}#` } : {}) },
  });
  const persons = await batchGetAll<PersonItem>(roster.map((r) => keys.person(r.personId)));
  return persons.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

/** The county a staff member serves, whatever their post (older records name only a township). */
export async function countyOfStaff(p: PersonItem): Promise<string | undefined> {
  if (p.countyId) return p.countyId;
  const post = postOf(p);
  if (!post || !p.regionId) return undefined;
  return staffPosts[post].region === 'county' ? p.regionId : countyOfTownship(p.regionId);
}

/**
 * Whether a commission officer may manage this staff member: a county officer everyone of their
 * county, a township officer only township staff of their own township.
 */
export async function staffInReach(principal: Principal, p: PersonItem): Promise<boolean> {
  const post = postOf(p);
  if (!post || p.role === 'member' || !principal.regionId) return false;
  if (principal.level === 'township') return staffPosts[post].region === 'township' && p.regionId === principal.regionId;
  return (await countyOfStaff(p)) === principal.regionId;
}

/** Whether an officer may create staff of this post there (same rule as staffInReach). */
export function postInReach(principal: Principal, post: StaffPost, townshipId: string | undefined): boolean {
  if (principal.level === 'township') return staffPosts[post].region === 'township' && townshipId === principal.regionId;
  // A city officer's account is made by scripts/create-city-account.ts, never by a county.
  return staffPosts[post].region !== 'city';
}

export interface StaffChanges {
  name: string;
  phone?: string;
  organisation: string;
  title: string;
  workPhone: string;
  orgId?: string;
  teamRoles?: TeamRole[];
}

/**
 * An edit, conditioned on the version the editor read: of two editors at once one is refused and
 * nothing is lost. The lookup entries change in the same transaction; the copies of name, title
 * and work phone on the families' contact items follow (copyToContacts), since a person with
 * many families would not fit one transaction.
 */
export async function updateStaff(p: PersonItem, version: number, changes: StaffChanges, now: Date): Promise<PersonItem> {
  const { phone, ...fields } = changes;
  const next: PersonItem = { ...p, ...fields, version: version + 1 };
  const values: Record<string, unknown> = { ':name': changes.name, ':org': changes.organisation, ':title': changes.title, ':wp': changes.workPhone, ':next': version + 1, ':at': toBeijingIso(now) };
  const sets = ['#name = :name', 'organisation = :org', 'title = :title', 'workPhone = :wp', '#version = :next', 'updatedAt = :at'];
  const removes: string[] = [];
  for (const [field, value] of [['orgId', changes.orgId], ['teamRoles', changes.teamRoles]] as const) {
    if (value === undefined) removes.push(field);
    else {
      sets.push(`${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  if (phone) {
    const phoneIndex = await blindIndex('phone', phone);
    Object.assign(next, { phoneEnc: await encryptField(phone, `${p.personId}:phone`), phoneMasked: maskPhone(phone), gsi1pk: keys.personByPhone(phoneIndex) });
    sets.push('phoneEnc = :pe', 'phoneMasked = :pm', 'gsi1pk = :g');
    Object.assign(values, { ':pe': next.phoneEnc, ':pm': next.phoneMasked, ':g': next.gsi1pk });
  }
  const countyId = await countyOfStaff(p);
  const lookups = countyId ? [staffDirectoryItem(next, countyId), countyDoctorItem(next, countyId)].filter((x) => x !== undefined) : [];
  const stale = () => conflict('这位人员的信息刚被别人修改过，您的修改没有保存。请刷新后再改');
  await transact(
    [
      part('person', {
        Update: {
          TableName: tableName(),
          Key: keys.person(p.personId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: version === 0 ? 'attribute_exists(pk) AND attribute_not_exists(#version)' : '#version = :v',
          ExpressionAttributeNames: { '#name': 'name', '#version': 'version' },
          ExpressionAttributeValues: version === 0 ? values : { ...values, ':v': version },
        },
      }),
      ...lookups.map((Item) => part('lookup', { Put: { TableName: tableName(), Item: Item as unknown as Record<string, unknown> } })),
    ],
    { refusals: { person: stale } },
  );
  return next;
}

/** The family contact items naming this staff member (their places), from GSI1. */
export function listPlaces<T>(staffId: string): Promise<T[]> {
  return queryAll<T>({
    TableName: tableName(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :f)',
    ExpressionAttributeValues: { ':pk': keys.staffPk(staffId), ':f': 'FAMILY#' },
  });
}

/** Refreshes the copies of an edited staff member's name, title, unit and phone on their families' contact items. */
export async function copyToContacts(p: PersonItem): Promise<void> {
  const places = await listPlaces<{ familyId: string }>(p.personId);
  const updates = places.map((c) =>
    part('contact', {
      Update: {
        TableName: tableName(),
        Key: keys.familyContact(c.familyId, p.personId),
        UpdateExpression: 'SET #name = :n, title = :t, organisation = :o, phone = :p',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':n': p.name, ':t': p.title ?? '', ':o': p.organisation ?? '', ':p': p.workPhone ?? '' },
      },
    }),
  );
  for (let i = 0; i < updates.length; i += 100) {
    // A place handed over meanwhile is gone: its condition fails and the rest is written one by one.
    const chunk = updates.slice(i, i + 100);
    try {
      await transact(chunk);
    } catch {
      for (const u of chunk) await transact([u]).catch(() => undefined);
    }
  }
}

/** The person update and lookup removals of a deactivation (or its first step, `leaving`). */
export function statusParts(p: PersonItem, to: 'leaving' | 'inactive', expect: { version?: number; status?: 'leaving' }, now: Date, countyId: string | undefined): Part<'person' | 'lookup'>[] {
  const at = toBeijingIso(now);
  const values: Record<string, unknown> = { ':s': to, ':at': at };
  const conditions = ['attribute_exists(pk)'];
  if (expect.version !== undefined) {
    conditions.push(expect.version === 0 ? 'attribute_not_exists(#version)' : '#version = :v');
    if (expect.version !== 0) values[':v'] = expect.version;
    // Nobody was given a family since the families were read.
    conditions.push(p.assignmentVersion === undefined ? 'attribute_not_exists(assignmentVersion)' : 'assignmentVersion = :av');
    if (p.assignmentVersion !== undefined) values[':av'] = p.assignmentVersion;
  }
  if (expect.status) {
    conditions.push('#status = :was');
    values[':was'] = expect.status;
  }
  const nextVersion = (expect.version ?? p.version ?? 0) + 1;
  values[':next'] = nextVersion;
  const person = part('person', {
    Update: {
      TableName: tableName(),
      Key: keys.person(p.personId),
      UpdateExpression: `SET #status = :s, #version = :next, ${to === 'inactive' ? 'deactivatedAt' : 'updatedAt'} = :at`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: values,
    },
  });
  if (to === 'leaving' || !countyId) return [person];
  // Gone from the pickers: nobody can be handed a family by this person any more.
  const lookups = [staffDirectoryItem(p, countyId), countyDoctorItem(p, countyId)].filter((x) => x !== undefined);
  return [person, ...lookups.map((l) => part('lookup', { Delete: { TableName: tableName(), Key: { pk: l.pk, sk: l.sk } } }))];
}
