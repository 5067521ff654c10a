import { tableName } from '../client';
import type { TransactItem } from '../transact';

/** A Put for a signing transaction, with its condition (and the names and values the condition uses). */
export const put = (Item: object, ConditionExpression?: string, names?: Record<string, string>, values?: Record<string, unknown>): TransactItem => ({
  Put: {
    TableName: tableName(),
    Item: Item as Record<string, unknown>,
    ...(ConditionExpression ? { ConditionExpression } : {}),
    ...(names ? { ExpressionAttributeNames: names } : {}),
    ...(values ? { ExpressionAttributeValues: values } : {}),
  },
});
