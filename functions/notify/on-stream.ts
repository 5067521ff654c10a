import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { deliverOutboxItem } from '../lib/notify/deliver';
import type { OutboxItem } from '../lib/notify/outbox';
import { errorFields, logger } from '../lib/observability/logger';
import { observedJob } from '../lib/observability/middleware';

/**
 * DynamoDB Stream → this function, for immediacy: the event source mapping's filter passes only
 * INSERTs of outbox items (functions/jobs.ts), so a new message's notification goes out
 * within a second or two of the transaction that wrote it. Items scheduled for later are left to
 * the sweep. A delivery error is logged, not thrown: throwing would make Lambda retry the whole
 * batch, re-sending what already went out; the item stays due and the sweep picks it up.
 */
export const handler = observedJob('notify.onStream', async (event: DynamoDBStreamEvent): Promise<void> => {
  const now = new Date();
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>) as OutboxItem;
    if (item.entity !== 'outbox') continue;
    try {
      await deliverOutboxItem(item, now);
    } catch (err) {
      logger.error('outbox delivery failed', { outboxId: item.outboxId, ...errorFields(err) });
    }
  }
});
