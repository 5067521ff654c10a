import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { type CountyExtra, type MeasureInput, toBeijingIso } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';
import { part, type Part } from './transact';

/**
 * The county's own 帮扶 measures, beyond the national ones (`COUNTY#<countyId>` / `SUPPORT`), as
 * its commission saved them; the item's existence is the county's confirmation. A county without
 * it has only the draft (`defaultCountySupport`), which families are not shown. Every save is
 * conditioned on the version read and writes a change record (`SUPPORT#CHANGE#<version>`) with the
 * lists before and after, in the same transaction.
 */
export interface CountySupportItem {
  pk: string;
  sk: 'SUPPORT';
  entity: 'countySupport';
  countyId: string;
  extras: CountyExtra[];
  updatedAt: string;
  /** Absent on items written before versions existed: they count as version 1. */
  version?: number;
  updatedById?: string;
  updatedByName?: string;
}

export interface CountySupportChangeItem {
  pk: string;
  sk: string;
  entity: 'countySupportChange';
  countyId: string;
  version: number;
  at: string;
  byId: string;
  byName: string;
  /** In plain words: what was added, edited, removed (or that the draft was confirmed). */
  summary: string;
  /** Null when the save confirmed the draft (nothing of the county's own before). */
  before: CountyExtra[] | null;
  after: CountyExtra[];
}

export const newMeasureId = () => `cm_${randomBytes(8).toString('hex')}`;

export async function getCountySupport(countyId: string): Promise<CountySupportItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.countySupport(countyId), ConsistentRead: true }));
  return out.Item as CountySupportItem | undefined;
}

export const storedVersion = (item: CountySupportItem | undefined) => (item ? (item.version ?? 1) : 0);

/** Measures as stored: kept ids stay, new ones get one; empty optional parts are dropped. */
export function measuresOf(inputs: readonly MeasureInput[]): CountyExtra[] {
  return inputs.map((m) => {
    const a = m.appliesTo;
    const appliesTo = a && (a.familyTypes?.length || a.povertyOnly || a.minAge !== undefined)
      ? { ...(a.familyTypes?.length ? { familyTypes: a.familyTypes } : {}), ...(a.povertyOnly ? { povertyOnly: true } : {}), ...(a.minAge !== undefined ? { minAge: a.minAge } : {}) }
      : undefined;
    return { id: m.id ?? newMeasureId(), title: m.title, detail: m.detail, ...(appliesTo ? { appliesTo } : {}), ...(m.contact ? { contact: m.contact } : {}) };
  });
}

export interface CountySupportSave {
  countyId: string;
  extras: CountyExtra[];
  /** The version the editor read (0: only the draft existed). */
  fromVersion: number;
  by: { personId: string; name: string };
}

/** The stored item for a save (no write). */
export function countySupportItemOf(save: CountySupportSave, now: Date): CountySupportItem {
  return {
    ...keys.countySupport(save.countyId),
    entity: 'countySupport',
    countyId: save.countyId,
    extras: save.extras,
    updatedAt: toBeijingIso(now),
    version: save.fromVersion + 1,
    updatedById: save.by.personId,
    updatedByName: save.by.name,
  };
}

/** Field by field in a fixed order: DynamoDB does not keep the order of a map's keys. */
const sameMeasure = (a: CountyExtra, b: CountyExtra) => {
  const flat = (e: CountyExtra) => [e.title, e.detail, e.appliesTo?.familyTypes?.join(','), e.appliesTo?.povertyOnly, e.appliesTo?.minAge, e.contact?.name, e.contact?.phone];
  return JSON.stringify(flat(a)) === JSON.stringify(flat(b));
};

function changeSummary(before: readonly CountyExtra[] | null, after: readonly CountyExtra[]): string {
  if (!before) return `确认本县帮扶措施（${after.length} 项）`;
  const old = new Map(before.map((e) => [e.id, e]));
  const kept = new Set(after.map((e) => e.id));
  const added = after.filter((e) => !old.has(e.id)).map((e) => e.title);
  const edited = after.filter((e) => old.has(e.id) && !sameMeasure(old.get(e.id)!, e)).map((e) => e.title);
  const removed = before.filter((e) => !kept.has(e.id)).map((e) => e.title);
  const parts = [added.length ? `添加：${added.join('、')}` : '', edited.length ? `修改：${edited.join('、')}` : '', removed.length ? `删除：${removed.join('、')}` : ''].filter(Boolean);
  return parts.length ? parts.join('；') : '保存（没有改动）';
}

export type CountySupportLabel = 'support' | 'change';

/**
 * The save as transaction parts: the list, written only at the version read (of two editors at
 * once, one is refused), and its change record.
 */
export function saveCountySupportParts(save: CountySupportSave, before: CountySupportItem | undefined, now: Date): { item: CountySupportItem; parts: Part<CountySupportLabel>[] } {
  const item = countySupportItemOf(save, now);
  const condition =
    save.fromVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : save.fromVersion === 1
        ? { ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :v)', ExpressionAttributeValues: { ':v': 1 } }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': save.fromVersion } };
  const change: CountySupportChangeItem = {
    ...keys.countySupportChange(save.countyId, item.version!),
    entity: 'countySupportChange',
    countyId: save.countyId,
    version: item.version!,
    at: item.updatedAt,
    byId: save.by.personId,
    byName: save.by.name,
    summary: changeSummary(before ? before.extras : null, save.extras),
    before: before ? before.extras : null,
    after: save.extras,
  };
  return {
    item,
    parts: [
      part('support', { Put: { TableName: tableName(), Item: item, ...condition } }),
      part('change', { Put: { TableName: tableName(), Item: change, ConditionExpression: 'attribute_not_exists(pk)' } }),
    ],
  };
}
