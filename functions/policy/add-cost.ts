import { randomBytes } from 'node:crypto';
import { CostEntryRequest, FamilyPath, type LedgerResponse, outOfPocketOf, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { type CostEntryItem, getLedger } from '../lib/db/policy';
import { put } from '../lib/db/signing';
import { part, type Part, transact } from '../lib/db/transact';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { entryView, summaryOf } from './views';

/**
 * The cadre enters a visit's costs. The sums rule is in the schema (parts never above the total;
 * out-of-pocket is the rest). The ledger is read once (to say why a request is refused, and to
 * answer with the ledger as it becomes); the entry, the contract's running totals and whatever the
 * caller adds `alongside` (the route's Idempotency-Key marker) are then one transaction, the totals
 * conditioned on the cadre still being the family's cadre and the member still in the family. The
 * answer is the ledger as read plus this entry: an entry added by someone else at the same instant
 * shows on the next read. The route and the demo seed both come through here; `entryId` is given
 * only by the seed, `now` is when the entry is entered.
 */
export async function addCost(
  familyId: string,
  body: CostEntryRequest,
  cadreId: string,
  now: Date,
  options: { entryId?: string; alongside?: (response: LedgerResponse) => Part[] } = {},
): Promise<LedgerResponse> {
  const { contract, entries } = await getLedger(familyId);
  if (!contract) throw notFound('这户家庭没有政策帮扶签约');
  if (contract.cadreId !== cadreId) throw forbidden('只有签约帮扶干部可以录入这户的医疗费用');
  if (!contract.memberIds.includes(body.memberId)) throw badRequest('这户家庭没有这位成员', { 'body.memberId': '不是本户成员' });

  const entryId = options.entryId ?? `ce_${randomBytes(12).toString('hex')}`;
  const outOfPocketFen = outOfPocketOf(body);
  const entry: CostEntryItem = {
    ...keys.costEntry(familyId, body.visitDate, entryId),
    entity: 'costEntry',
    entryId,
    familyId,
    memberId: body.memberId,
    visitDate: body.visitDate,
    place: body.place,
    totalFen: body.totalFen,
    basicInsuranceFen: body.basicInsuranceFen,
    seriousIllnessFen: body.seriousIllnessFen,
    medicalAssistanceFen: body.medicalAssistanceFen,
    commercialFen: body.commercialFen,
    outOfPocketFen,
    claimPending: body.claimPending,
    enteredById: cadreId,
    enteredAt: toBeijingIso(now),
  };
  const added = { entries: 1, totalFen: body.totalFen, outOfPocketFen, pendingClaims: body.claimPending ? 1 : 0 };
  const t = contract.totals;
  const after = { ...contract, totals: { entries: t.entries + added.entries, totalFen: t.totalFen + added.totalFen, outOfPocketFen: t.outOfPocketFen + added.outOfPocketFen, pendingClaims: t.pendingClaims + added.pendingClaims } };
  // Newest visit first, as getLedger lists them (its sort keys, descending).
  const listed = [...entries, entry].sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
  const response: LedgerResponse = { summary: summaryOf(after), members: contract.members, entries: listed.map((e) => entryView(e, after)) };
  await transact(
    [
      part('entry', put(entry, 'attribute_not_exists(pk)')),
      part('contract', {
        Update: {
          TableName: tableName(),
          Key: keys.policyContract(familyId),
          UpdateExpression: 'ADD totals.entries :one, totals.totalFen :total, totals.outOfPocketFen :oop, totals.pendingClaims :pending',
          ConditionExpression: 'cadreId = :me AND contains(memberIds, :member)',
          ExpressionAttributeValues: { ':one': added.entries, ':total': added.totalFen, ':oop': added.outOfPocketFen, ':pending': added.pendingClaims, ':me': cadreId, ':member': body.memberId },
        },
      }),
      ...(options.alongside?.(response) ?? []),
    ],
    { refusals: { contract: () => conflict('这户家庭的帮扶签约刚刚变更，请刷新后再录入') } },
  );
  return response;
}

export const handler = routeHandler('policy.addCost', { path: FamilyPath, body: CostEntryRequest }, async ({ path, body, principal, now, idempotency }) => ({
  status: 201,
  body: await addCost(path.familyId, body, principal.personId, now, { alongside: (response) => idempotency.marker(response, 201) }),
}));
