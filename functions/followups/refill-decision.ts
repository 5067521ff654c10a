import type { RefillStatus } from '../../domain';
import { tableName } from '../lib/db/client';
import type { PrescriptionItem, RefillItem } from '../lib/db/followups';
import { itemAt } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import type { TransactItem } from '../lib/db/transact';
import { conflict, notFound } from '../lib/http/errors';

type RefillKeys = { memberId: string; prescriptionId: string; refillId: string };

/** The refill and its prescription: keys for the member context's BatchGet (memberWithAccess). */
export const refillKeys = (path: RefillKeys) => [keys.refill(path.memberId, path.prescriptionId, path.refillId), keys.prescription(path.memberId, path.prescriptionId)];

/** The refill and its prescription among the items read with `refillKeys`, for the doctor's decisions. */
export function refillWithPrescription(items: ReadonlyArray<Record<string, unknown> & { pk: string; sk: string }>, path: RefillKeys): { refill: RefillItem; rx: PrescriptionItem } {
  const [refillKey, rxKey] = refillKeys(path);
  const refill = itemAt<RefillItem>(items, refillKey);
  const rx = itemAt<PrescriptionItem>(items, rxKey);
  if (!refill || !rx) throw notFound('没有找到这个续方申请');
  return { refill, rx };
}

/** What the doctor sees when a refill moved on before their decision reached it. */
export const alreadyDecided = () => conflict('这个续方申请已经处理过了');

/**
 * The refill's step from `from` to `to`, only if it is still at `from`, with its history entry and
 * the step's own fields (`set`, as `name = :value` with `values`); `leaveQueue` takes it off the
 * doctor's refill list.
 */
export function refillStep(
  path: RefillKeys,
  step: { from: RefillStatus; to: RefillStatus; at: string; set: string; values: Record<string, unknown>; leaveQueue: boolean },
): TransactItem {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.refill(path.memberId, path.prescriptionId, path.refillId),
      UpdateExpression: `SET #status = :to, ${step.set}, history = list_append(history, :h)${step.leaveQueue ? ' REMOVE gsi1pk, gsi1sk' : ''}`,
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':to': step.to, ':from': step.from, ':h': [{ status: step.to, at: step.at }], ...step.values },
    },
  };
}
