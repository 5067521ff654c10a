import { beijingWhen, RefillDeclineRequest, RefillPath, type RefillResponse, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberWithAccess, refillView, requireDoctor } from './access';
import { alreadyDecided, refillKeys, refillStep, refillWithPrescription } from './refill-decision';

/** The signed doctor declines a refill with a reason the member reads; the prescription is free again. */
export const handler = routeHandler('prescriptions.declineRefill', { path: RefillPath, body: RefillDeclineRequest }, async ({ path, body, principal, now }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path, refillKeys(path));
  const { refill } = refillWithPrescription(ctx.extra, path);
  if (refill.status !== 'submitted') throw alreadyDecided();
  const at = toBeijingIso(now);
  const declined = { ...refill, status: 'declined' as const, decidedAt: at, declineReason: body.reason, history: [...refill.history, { status: 'declined' as const, at }] };
  await transact(
    [
      part(
        'refill',
        refillStep(path, { from: 'submitted', to: 'declined', at, set: 'decidedAt = :at, decidedBy = :me, declineReason = :reason', values: { ':at': at, ':me': principal.personId, ':reason': body.reason }, leaveQueue: true }),
      ),
      part('prescription', {
        Update: {
          TableName: tableName(),
          Key: keys.prescription(path.memberId, path.prescriptionId),
          UpdateExpression: 'REMOVE openRefillId',
          ConditionExpression: 'openRefillId = :rf',
          ExpressionAttributeValues: { ':rf': path.refillId },
        },
      }),
      part(
        'outbox',
        outboxPut(
          { recipientId: path.memberId, template: 'refill.status', data: { medicine: refill.medicines, status: '医生没有同意，请看原因', time: beijingWhen(at, at) }, page: 'packages/health/prescriptions/index', dedupeKey: `refill#${path.refillId}#declined` },
          now,
        ),
      ),
    ],
    { refusals: { refill: alreadyDecided, prescription: alreadyDecided, outbox: alreadyDecided } },
  );
  const response: RefillResponse = { refill: refillView(declined) };
  return { body: response };
});
