import { GetCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type Consent, toBeijingIso } from '../../../domain';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import type { BindingItem, PersonItem } from './items';
import { keys } from './keys';
import { part, transact } from './transact';

export async function getPerson(personId: string): Promise<PersonItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.person(personId) }));
  return out.Item as PersonItem | undefined;
}

/**
 * Every person registered with this phone. Elderly members often give a relative's or a cadre's
 * number, so many persons can share one; all of them are read, a page at a time, up to a bound
 * that no real phone reaches (a runaway index would otherwise make binding a table read).
 */
const PHONE_INDEX_MAX_PAGES = 10;

export async function findPersonsByPhoneIndex(phoneIndex: string): Promise<PersonItem[]> {
  const persons: PersonItem[] = [];
  let start: Record<string, unknown> | undefined;
  for (let pages = 0; pages < PHONE_INDEX_MAX_PAGES; pages++) {
    const out: QueryCommandOutput = await db().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.personByPhone(phoneIndex) },
        ExclusiveStartKey: start,
      }),
    );
    persons.push(...((out.Items ?? []) as PersonItem[]));
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return persons;
}

export async function getBinding(openid: string): Promise<BindingItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.binding(openid) }));
  return out.Item as BindingItem | undefined;
}

export class AlreadyBoundError extends Error {}

/**
 * Binds an openid to a person once: the binding item and the person's `openid` are written in one
 * transaction, each conditioned on not existing yet, so two phones racing for one person (or one
 * phone for two persons) cannot both win.
 */
export async function bindOpenid(openid: string, personId: string, boundAt: string): Promise<void> {
  const binding: BindingItem = { ...keys.binding(openid), entity: 'binding', openid, personId, boundAt };
  const taken = () => new AlreadyBoundError();
  await transact(
    [
      part('binding', { Put: { TableName: tableName(), Item: binding, ConditionExpression: 'attribute_not_exists(pk)' } }),
      part('person', {
        Update: {
          TableName: tableName(),
          Key: keys.person(personId),
          UpdateExpression: 'SET openid = :o, boundAt = :t',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(openid)',
          ExpressionAttributeValues: { ':o': openid, ':t': boundAt },
        },
      }),
    ],
    { refusals: { binding: taken, person: taken } },
  );
}

/**
 * Records a consent decision. The person's current consent is replaced and, in the same
 * transaction, the decision is appended to the person's consent log, so a later withdrawal never
 * erases the proof of an earlier grant (PIPL). The health-data decision keeps its original time
 * unless it changed.
 */
export async function saveConsent(personId: string, decision: { privacyGuideVersion: string; healthData: boolean }, at: Date): Promise<Consent> {
  const current = await db().send(new GetCommand({ TableName: tableName(), Key: keys.person(personId), ProjectionExpression: 'consent' }));
  const previous = (current.Item as { consent?: Consent } | undefined)?.consent;
  const atIso = toBeijingIso(at);
  const consent: Consent = {
    privacyGuideVersion: decision.privacyGuideVersion,
    agreedAt: atIso,
    healthData: decision.healthData,
    healthDataDecidedAt: previous && previous.healthData === decision.healthData ? previous.healthDataDecidedAt : atIso,
  };
  await transact([
    part('person', {
      Update: {
        TableName: tableName(),
        Key: keys.person(personId),
        UpdateExpression: 'SET consent = :c',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':c': consent },
      },
    }),
    part('log', { Put: { TableName: tableName(), Item: { ...keys.consentLogEntry(personId, at), entity: 'consentLog', personId, ...decision, at: atIso } } }),
  ]);
  return consent;
}

/** Several persons by id, in as few BatchGets as possible. */
export function getPersons(personIds: string[]): Promise<PersonItem[]> {
  return batchGetAll<PersonItem>(personIds.map((id) => keys.person(id)));
}
