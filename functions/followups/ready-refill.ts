import { beijingWhen, EmptyBody, pickupPlaceLabel, RefillPath, type RefillResponse, refillStatusLabels, toBeijingIso } from '../../domain';
import { part, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberWithAccess, refillView, requireDoctor } from './access';
import { refillKeys, refillStep, refillWithPrescription } from './refill-decision';

/**
 * The approved refill is ready at the chosen pharmacy (or delivered): the last step the member sees,
 * and the request leaves the doctor's list.
 */
export const handler = routeHandler('prescriptions.refillReady', { path: RefillPath, body: EmptyBody }, async ({ path, principal, now }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path, refillKeys(path));
  const { refill } = refillWithPrescription(ctx.extra, path);
  if (refill.status !== 'approved') throw conflict(refill.status === 'submitted' ? '请先审核这个续方申请' : '这个续方申请已经办完了');
  const at = toBeijingIso(now);
  const next = refill.fulfilment === 'pickup' ? ('ready' as const) : ('delivered' as const);
  const done = { ...refill, status: next, readyAt: at, history: [...refill.history, { status: next, at }] };
  const { pharmacyName } = refillView(refill);
  const where = pharmacyName ? `，到${pickupPlaceLabel(pharmacyName)}取药` : '';
  const finished = () => conflict('这个续方申请已经办完了');
  await transact(
    [
      part('refill', refillStep(path, { from: 'approved', to: next, at, set: 'readyAt = :at', values: { ':at': at }, leaveQueue: true })),
      part(
        'outbox',
        outboxPut(
          { recipientId: path.memberId, template: 'refill.status', data: { medicine: refill.medicines, status: `${refillStatusLabels[next]}${where}`, time: beijingWhen(at, at) }, page: 'packages/health/prescriptions/index', dedupeKey: `refill#${path.refillId}#${next}` },
          now,
        ),
      ),
    ],
    { refusals: { refill: finished, outbox: finished } },
  );
  const response: RefillResponse = { refill: refillView(done) };
  return { body: response };
});
