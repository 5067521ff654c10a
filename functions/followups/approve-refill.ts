import { beijingWhen, EmptyBody, addDays, beijingDate, followUpRecentEnough, REFILL_FOLLOW_UP_MAX_AGE_DAYS, RefillPath, type RefillResponse, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { ApiHttpError, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { contractServices, memberWithAccess, refillView, requireDoctor } from './access';
import { alreadyDecided, refillKeys, refillStep, refillWithPrescription } from './refill-decision';

const ROUTE = 'prescriptions.approveRefill';

/**
 * The signed doctor approves a refill: ONE transaction moves the request from submitted to
 * approved, decrements the prescription's remaining refills (only while some remain and this is
 * its open request), extends the supply, checks that a follow-up was completed in the last 30 days,
 * counts the refill on the member's contract, tells the member, and stores the Idempotency-Key's
 * answer. Two approvals racing: the request's status condition lets exactly one through. Reads:
 * one BatchGet (memberWithAccess with the refill and the prescription), then the transaction.
 */
export const handler = routeHandler(ROUTE, { path: RefillPath, body: EmptyBody }, async ({ path, principal, now, idempotency }) => {
  requireDoctor(principal);
  // ONE read before the transaction: access facts, plan, refill and prescription.
  const ctx = await memberWithAccess(principal, path, refillKeys(path));
  const { refill, rx } = refillWithPrescription(ctx.extra, path);
  if (refill.status !== 'submitted') throw alreadyDecided();
  const today = beijingDate(now);
  if (!followUpRecentEnough(ctx.plan?.lastCompletedOn, today)) {
    throw new ApiHttpError(409, 'follow_up_needed', `最近 ${REFILL_FOLLOW_UP_MAX_AGE_DAYS} 天内没有随访，请先做一次随访（上门或电话）再审核续方`);
  }
  const at = toBeijingIso(now);
  const newSupplyEnd = addDays(rx.supplyEndsOn > today ? rx.supplyEndsOn : today, rx.supplyDays);
  const approved = { ...refill, status: 'approved' as const, decidedAt: at, history: [...refill.history, { status: 'approved' as const, at }] };
  const response: RefillResponse = { refill: refillView(approved) };
  await transact(
    [
      part('refill', refillStep(path, { from: 'submitted', to: 'approved', at, set: 'decidedAt = :at, decidedBy = :me', values: { ':at': at, ':me': principal.personId }, leaveQueue: false })),
      part('prescription', {
        Update: {
          TableName: tableName(),
          Key: keys.prescription(path.memberId, path.prescriptionId),
          UpdateExpression: 'SET refillsRemaining = refillsRemaining - :one, supplyEndsOn = :end REMOVE openRefillId',
          ConditionExpression: 'openRefillId = :rf AND refillsRemaining >= :one',
          ExpressionAttributeValues: { ':one': 1, ':rf': path.refillId, ':end': newSupplyEnd },
        },
      }),
      part('followUp', {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.followUpPlan(path.memberId),
          ConditionExpression: 'lastCompletedOn >= :cutoff',
          ExpressionAttributeValues: { ':cutoff': addDays(today, -REFILL_FOLLOW_UP_MAX_AGE_DAYS) },
        },
      }),
      ...contractServices(ctx, ['refills']).map((item) => part('contract', item)),
      part(
        'outbox',
        outboxPut(
        {
          recipientId: path.memberId,
          template: 'refill.status',
          data: { medicine: refill.medicines, status: '医生已同意，正在备药', time: beijingWhen(at, at) },
          page: 'packages/health/prescriptions/index',
          dedupeKey: `refill#${path.refillId}#approved`,
        },
        now,
      ),
      ),
      ...idempotency.marker(response),
    ],
    {
      refusals: {
        followUp: () => new ApiHttpError(409, 'follow_up_needed', '最近 30 天内没有随访，请先做一次随访再审核续方'),
        refill: alreadyDecided,
        prescription: alreadyDecided,
        contract: () => conflict('签约协议刚刚变更，请刷新后再审核'),
      },
    },
  );
  return { body: response };
});
