import { randomUUID } from 'node:crypto';
import type { ActivityView } from '../../../domain';
import { tableName } from './client';
import { keys } from './keys';
import { queryAll } from './query-all';
import { part, type Part } from './transact';

/**
 * Social helpers' 精神慰藉 activities (an activity with its helpers and families), kept per county
 * by date, so a month's activities and their counts are one Query.
 */
export interface ActivityItem extends ActivityView {
  pk: string;
  sk: string;
  entity: 'activity';
}

export const newActivityId = () => `ac_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

export function activityPart(view: ActivityView): Part<'activity'> {
  const item: ActivityItem = { ...keys.activity(view.countyId, view.date, view.activityId), entity: 'activity', ...view };
  return part('activity', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } });
}

export function listActivities(countyId: string, month: string): Promise<ActivityItem[]> {
  return queryAll<ActivityItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)',
    ExpressionAttributeValues: { ':pk': keys.activityPk(countyId), ':m': `${month}-` },
  });
}

export const activityView = ({ pk: _pk, sk: _sk, entity: _e, ...view }: ActivityItem): ActivityView => view;
