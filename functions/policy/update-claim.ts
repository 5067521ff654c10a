import { claimNext, claimStatusLabels, ClaimUpdateRequest, CostEntryPath, toBeijingIso, type LedgerResponse } from '../../domain';
import { tableName } from '../lib/db/client';
import { claimStatusOf, type CostEntryItem, getLedger } from '../lib/db/policy';
import { part, transact } from '../lib/db/transact';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { entryView, summaryOf } from './views';

/**
 * The cadre moves a claim filed → submitted → paid or refused (代报代办). A paid amount comes off
 * the family's out-of-pocket, and a claim that is paid or refused is no longer pending: the entry
 * and the contract's running totals change in one transaction, the entry conditioned on the claim
 * still being where the cadre saw it (two taps never pay a claim twice). The route and the demo
 * seed both come through here; `now` is when the claim moved.
 */
export async function updateClaim(familyId: string, entryId: string, body: ClaimUpdateRequest, cadreId: string, now: Date): Promise<LedgerResponse> {
  const { contract, entries } = await getLedger(familyId);
  if (!contract) throw notFound('这户家庭没有政策帮扶签约');
  if (contract.cadreId !== cadreId) throw forbidden('只有签约帮扶干部可以办理这户的报销');
  const entry = entries.find((e) => e.entryId === entryId);
  if (!entry) throw notFound('没有找到这条费用记录');
  const from = claimStatusOf(entry);
  if (!from) throw conflict('这条费用记录没有待办的报销');
  if (!claimNext[from].includes(body.status)) throw conflict(`报销目前是“${claimStatusLabels[from]}”，不能改为“${claimStatusLabels[body.status]}”`);
  const claimedFen = body.status === 'submitted' ? body.claimedFen : entry.claim?.claimedFen;
  if (body.status === 'paid' && claimedFen !== undefined && body.paidFen! > claimedFen) throw badRequest('到账金额不能超过申报金额', { 'body.paidFen': '到账金额不能超过申报金额' });
  if (body.status === 'paid' && body.paidFen! > entry.outOfPocketFen) throw badRequest('到账金额不能超过自付金额', { 'body.paidFen': '到账金额不能超过自付金额' });
  const done = body.status === 'paid' || body.status === 'refused';
  const paid = body.status === 'paid' ? body.paidFen! : 0;
  const claim: NonNullable<CostEntryItem['claim']> = {
    status: body.status,
    ...(claimedFen !== undefined ? { claimedFen } : {}),
    ...(body.status === 'paid' ? { paidFen: paid } : {}),
    ...(body.reason ? { reason: body.reason } : {}),
    updatedAt: toBeijingIso(now),
    byId: cadreId,
  };
  const updated: CostEntryItem = { ...entry, claim, claimPending: !done, outOfPocketFen: entry.outOfPocketFen - paid };
  const t = contract.totals;
  const after = { ...contract, totals: { ...t, outOfPocketFen: t.outOfPocketFen - paid, pendingClaims: t.pendingClaims - (done ? 1 : 0) } };
  const stale = () => conflict('这条报销刚被办理过，请刷新后查看');
  await transact(
    [
      part('entry', {
        Update: {
          TableName: tableName(),
          Key: { pk: entry.pk, sk: entry.sk },
          UpdateExpression: 'SET claim = :claim, claimPending = :pending, outOfPocketFen = :oop',
          ConditionExpression: from === 'filed' && !entry.claim ? 'claimPending = :true AND attribute_not_exists(claim)' : 'claim.#status = :from',
          ...(from === 'filed' && !entry.claim ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: { ':claim': claim, ':pending': !done, ':oop': updated.outOfPocketFen, ...(from === 'filed' && !entry.claim ? { ':true': true } : { ':from': from }) },
        },
      }),
      ...(paid || done
        ? [
            part('contract', {
              Update: {
                TableName: tableName(),
                Key: { pk: contract.pk, sk: contract.sk },
                UpdateExpression: 'ADD totals.outOfPocketFen :oop, totals.pendingClaims :pending',
                ConditionExpression: 'cadreId = :me',
                ExpressionAttributeValues: { ':oop': -paid, ':pending': done ? -1 : 0, ':me': cadreId },
              },
            }),
          ]
        : []),
    ],
    { refusals: { entry: stale, contract: stale } },
  );
  const listed = entries.map((e) => (e.entryId === entry.entryId ? updated : e));
  return { summary: summaryOf(after), members: contract.members, entries: listed.map((e) => entryView(e, after)) };
}

export const handler = routeHandler('policy.updateClaim', { path: CostEntryPath, body: ClaimUpdateRequest }, async ({ path, body, principal, now }) => ({
  body: await updateClaim(path.familyId, path.entryId, body, principal.personId, now),
}));
