import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProblemArea, ProblemStatus } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';
import { queryAll } from './query-all';
import { part, type Part } from './transact';

/**
 * The problem ledger (问题台账). Access patterns:
 * - a problem: pk=PROBLEM#<id>, sk=PROBLEM, changed only with its `version` as a condition;
 * - a county's problems: GSI2 gsi2pk=PROBLEMS#<county>, gsi2sk=<township>#<id>, so a township's are
 *   one begins_with Query of the same partition (tens to hundreds per county, never a scan);
 * - the responsible person's: GSI1 gsi1pk=PROBLEMS#STAFF#<person>, gsi1sk=<deadline>#<id>, soonest
 *   first. Rectified problems stay in every list: the report counts problems found and rectified.
 */
export interface ProblemItem {
  pk: string;
  sk: 'PROBLEM';
  entity: 'problem';
  problemId: string;
  countyId: string;
  townshipId: string;
  townshipName: string;
  area: ProblemArea;
  description: string;
  responsibleUnit: string;
  leaderName: string;
  responsiblePersonId: string;
  responsibleName: string;
  measures: string;
  deadline: string;
  status: ProblemStatus;
  gap?: string;
  families: Array<{ familyId: string; familyName: string }>;
  evidence?: string;
  rectifiedAt?: string;
  rectifiedById?: string;
  rectifiedByName?: string;
  raisedById: string;
  raisedByName: string;
  raisedAt: string;
  updatedAt: string;
  version: number;
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

/** Time-ordered ids: the epoch milliseconds, then randomness so two at once never collide. */
export const newProblemId = (now: Date) => `pb_${String(now.getTime()).padStart(13, '0')}${randomBytes(6).toString('hex')}`;

/** The index keys follow the fields they sort by, so every write goes through here. */
export function problemItem(p: Omit<ProblemItem, 'pk' | 'sk' | 'entity' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk'>): ProblemItem {
  return {
    ...keys.problem(p.problemId),
    entity: 'problem',
    ...p,
    gsi1pk: keys.problemsStaffPk(p.responsiblePersonId),
    gsi1sk: keys.problemsStaffSk(p.deadline, p.problemId),
    gsi2pk: keys.problemsCountyPk(p.countyId),
    gsi2sk: keys.problemsCountySk(p.townshipId, p.problemId),
  };
}

/** A new problem: refused if the id is somehow taken (never overwrites one). */
export function newProblemPart(item: ProblemItem): Part<'problem'> {
  return part('problem', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
}

/**
 * The whole item replaced on the condition that nobody changed it since the editor read it
 * (`version` one below the new one): two officers editing at once, the second is told.
 */
export function changedProblemPart(item: ProblemItem): Part<'problem'> {
  return part('problem', {
    Put: {
      TableName: tableName(),
      Item: item,
      ConditionExpression: 'attribute_exists(pk) AND version = :seen',
      ExpressionAttributeValues: { ':seen': item.version - 1 },
    },
  });
}

export async function getProblem(problemId: string): Promise<ProblemItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.problem(problemId) }));
  return out.Item as ProblemItem | undefined;
}

/** A county's problems, or one township's of it: one Query (paged through by queryAll). */
export function listRegionProblems(countyId: string, townshipId?: string): Promise<ProblemItem[]> {
  return queryAll<ProblemItem>({
    TableName: tableName(),
    IndexName: 'gsi2',
    KeyConditionExpression: townshipId ? 'gsi2pk = :pk AND begins_with(gsi2sk, :t)' : 'gsi2pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.problemsCountyPk(countyId), ...(townshipId ? { ':t': `${townshipId}#` } : {}) },
  });
}

/** The problems a person answers for, soonest deadline first: one Query. */
export async function listStaffProblems(personId: string): Promise<ProblemItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.problemsStaffPk(personId) }, Limit: 200 }),
  );
  return (out.Items ?? []) as ProblemItem[];
}
