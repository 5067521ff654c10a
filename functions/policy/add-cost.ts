import { createHash, randomBytes } from 'node:crypto';
import { CostEntryRequest, FamilyPath, type LedgerResponse, outOfPocketOf, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { type CostEntryItem, getLedger } from '../lib/db/policy';
import { put, transact, TransactionRefused } from '../lib/db/signing';
import { badRequest, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { entryView, summaryOf } from './views';

/**
 * The cadre enters a visit's costs. The sums rule is in the schema (parts never above the total;
 * out-of-pocket is the rest). The entry and the contract's running totals are one transaction,
 * conditioned on the caller being the family's cadre and the member being in the family, so no
 * read comes before the write. An Idempotency-Key makes the entry id, so a retry adds nothing.
 */
export const handler = routeHandler('policy.addCost', { path: FamilyPath, body: CostEntryRequest }, async ({ path, body, principal, now, headers }) => {
  const key = headers['idempotency-key'];
  const entryId = `ce_${key ? createHash('sha256').update(`${path.familyId}:${key}`).digest('hex').slice(0, 24) : randomBytes(12).toString('hex')}`;
  const outOfPocketFen = outOfPocketOf(body);
  const entry: CostEntryItem = {
    ...keys.costEntry(path.familyId, body.visitDate, entryId),
    entity: 'costEntry',
    entryId,
    familyId: path.familyId,
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
    enteredById: principal.personId,
    enteredAt: toBeijingIso(now),
  };
  let status = 201;
  try {
    await transact([
      put(entry, 'attribute_not_exists(pk)'),
      {
        Update: {
          TableName: tableName(),
          Key: keys.policyContract(path.familyId),
          UpdateExpression: 'ADD totals.entries :one, totals.totalFen :total, totals.outOfPocketFen :oop, totals.pendingClaims :pending',
          ConditionExpression: 'cadreId = :me AND contains(memberIds, :member)',
          ExpressionAttributeValues: { ':one': 1, ':total': body.totalFen, ':oop': outOfPocketFen, ':pending': body.claimPending ? 1 : 0, ':me': principal.personId, ':member': body.memberId },
        },
      },
    ]);
  } catch (err) {
    if (!(err instanceof TransactionRefused)) throw err;
    // Only on refusal: read to say why.
    const { contract, entries } = await getLedger(path.familyId);
    if (!contract) throw notFound('这户家庭没有政策帮扶签约');
    if (contract.cadreId !== principal.personId) throw forbidden('只有签约帮扶干部可以录入这户的医疗费用');
    if (err.reasons[0] === 'ConditionalCheckFailed' && entries.some((e) => e.entryId === entryId)) status = 200;
    else throw badRequest('这户家庭没有这位成员', { 'body.memberId': '不是本户成员' });
  }
  const { contract, entries } = await getLedger(path.familyId);
  const body2: LedgerResponse = { summary: summaryOf(contract!), members: contract!.members, entries: entries.map((e) => entryView(e, contract!)) };
  return { status, body: body2 };
});
