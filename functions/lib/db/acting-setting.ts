import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { toBeijingIso } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';

/** The family's own choice whether staff may act for it (代办): `FAMILY#<id>` / `ACTING`. */
export interface ActingSettingItem {
  pk: string;
  sk: 'ACTING';
  entity: 'actingSetting';
  familyId: string;
  refused: boolean;
  changedAt: string;
  changedById: string;
  changedByName: string;
}

export async function getActingSetting(familyId: string): Promise<ActingSettingItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.actingSetting(familyId), ConsistentRead: true }));
  return out.Item as ActingSettingItem | undefined;
}

/**
 * Saves the family's choice. Allowing what was never refused writes nothing (no item means
 * allowed): the answer is then `undefined`.
 */
export async function putActingSetting(familyId: string, refused: boolean, by: { personId: string; name: string }, now: Date): Promise<ActingSettingItem | undefined> {
  const item: ActingSettingItem = {
    ...keys.actingSetting(familyId),
    entity: 'actingSetting',
    familyId,
    refused,
    changedAt: toBeijingIso(now),
    changedById: by.personId,
    changedByName: by.name,
  };
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ...(refused ? {} : { ConditionExpression: 'attribute_exists(pk)' }) }));
  } catch (err) {
    if ((err as Error).name === 'ConditionalCheckFailedException') return undefined;
    throw err;
  }
  return item;
}
