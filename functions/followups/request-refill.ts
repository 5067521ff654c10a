import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beijingWhen, addDays, beijingDate, REFILL_WINDOW_DAYS, RefillRequestBody, type RefillResponse, refillBlock, RxPath, toBeijingIso } from '../../domain';
import { db, tableName } from '../lib/db/client';
import { type PrescriptionItem, put, type RefillItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { ApiHttpError, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberWithAccess, newId, refillView } from './access';

const ROUTE = 'prescriptions.requestRefill';

/**
 * The member asks for a refill (申请续方) from 7 days before the supply runs out, while the
 * prescription is valid and has refills left, one open request at a time. Every rule is also a
 * condition of the transaction that marks the prescription's open request, so two taps (or two
 * family members) cannot open two requests; the Idempotency-Key's answer is in the same transaction.
 */
export const handler = routeHandler(ROUTE, { path: RxPath, body: RefillRequestBody }, async ({ path, body, principal, now, idempotency }) => {
  const ctx = await memberWithAccess(principal, path);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.prescription(path.memberId, path.prescriptionId), ConsistentRead: true }));
  const rx = out.Item as PrescriptionItem | undefined;
  if (!rx) throw notFound('没有找到这张长处方');
  const today = beijingDate(now);
  const block = refillBlock(rx, today);
  if (block) throw new ApiHttpError(409, 'refill_not_allowed', block.reason);

  const refillId = newId('rf');
  const at = toBeijingIso(now);
  const refill: RefillItem = {
    ...keys.refill(path.memberId, path.prescriptionId, refillId),
    entity: 'refill',
    refillId,
    prescriptionId: path.prescriptionId,
    familyId: path.familyId,
    memberId: path.memberId,
    memberName: ctx.member.name,
    doctorId: rx.doctorId,
    medicines: rx.items.map((i) => i.medicine).join('、'),
    status: 'submitted',
    fulfilment: body.fulfilment,
    pharmacy: body.fulfilment === 'pickup' ? body.pharmacy : undefined,
    submittedAt: at,
    history: [{ status: 'submitted', at }],
    gsi1pk: keys.staffPk(rx.doctorId),
    gsi1sk: keys.refillQueueSk(now, refillId),
  };
  const response: RefillResponse = { refill: refillView(refill) };
  const open = () => new ApiHttpError(409, 'refill_not_allowed', '已经有一个续方申请在办理中');
  await transact(
    [
      part('refill', put(refill)),
      part('prescription', {
        Update: {
          TableName: tableName(),
          Key: keys.prescription(path.memberId, path.prescriptionId),
          UpdateExpression: 'SET openRefillId = :id',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(openRefillId) AND refillsRemaining > :zero AND validUntil >= :today AND supplyEndsOn <= :windowEnd',
          ExpressionAttributeValues: { ':id': refillId, ':zero': 0, ':today': today, ':windowEnd': addDays(today, REFILL_WINDOW_DAYS) },
        },
      }),
      part(
        'outbox',
        outboxPut(
          {
            recipientId: rx.doctorId,
            template: 'refill.status',
            data: { medicine: `${ctx.member.name}：${refill.medicines}`, status: '新的续方申请', time: beijingWhen(at, at) },
            page: 'packages/doctor/queue/index',
            dedupeKey: `refill#${refillId}#submitted`,
          },
          now,
        ),
      ),
      ...idempotency.marker(response, 201),
    ],
    { refusals: { prescription: open, refill: open, outbox: open } },
  );
  return { status: 201, body: response };
});
