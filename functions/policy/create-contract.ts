import { CADRE_FIELD, FamilyPath, NOT_ILLNESS_POVERTY, PolicyContractRequest, type PolicyFamilySummary } from '../../domain';
import { changeEventPut } from '../lib/db/change-list';
import { tableName } from '../lib/db/client';
import { getPerson } from '../lib/db/persons';
import { getFamilyRecord } from '../lib/db/families';
import { type PolicyContractItem, policyContractItem } from '../lib/db/policy';
import { part, transact } from '../lib/db/transact';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { summaryOf } from './views';

/**
 * The township signs a cadre to a 因病致贫 family as its policy-support contract (双签约). The cadre
 * must already be one of the family's township or village contacts, so the cadre reaches the
 * family's ledger through the ordinary family scope. One contract per family (the Put's condition),
 * listed in the family's change list under the officer who made it (`officerId`) at `now`. The
 * route and the demo seed both come through here.
 */
export async function createPolicyContract(familyId: string, body: PolicyContractRequest, officerId: string, now: Date): Promise<PolicyContractItem> {
  const [record, actor] = await Promise.all([getFamilyRecord(familyId), getPerson(officerId)]);
  if (!record) throw notFound('没有找到这户家庭');
  const { profile, contacts } = record;
  if (profile.status === 'transferred_out') throw conflict('这户家庭已迁出本县');
  if (!profile.illnessPoverty) throw conflict(NOT_ILLNESS_POVERTY);
  const cadre = contacts.find((c) => c.staffId === body.cadreId && (c.kind === 'village_cadre' || c.kind === 'township_leader'));
  if (!cadre) throw badRequest('帮扶干部应为这户家庭的乡镇或村联系人', { 'body.cadreId': '不是这户家庭的联系人' });
  const contract = policyContractItem({
    familyId: profile.familyId,
    familyName: profile.familyName,
    villageName: profile.villageName,
    townshipId: profile.townshipId,
    cadreId: cadre.staffId,
    cadreName: cadre.name,
    members: profile.members.filter((m) => !m.deceasedOn).map((m) => ({ personId: m.personId, name: m.name })),
    yearlyIncomeFen: body.yearlyIncomeFen,
    warningSharePercent: body.warningSharePercent ?? 50,
    startDate: body.startDate,
    endDate: body.endDate,
    totals: { entries: 0, totalFen: 0, outOfPocketFen: 0, pendingClaims: 0 },
  });
  const listed = changeEventPut(
    { familyId: profile.familyId, townshipId: profile.townshipId, kind: 'policy_created', byName: actor?.name ?? '', field: CADRE_FIELD, after: cadre.name, note: `${body.startDate} 至 ${body.endDate}` },
    now,
  );
  await transact([part('contract', { Put: { TableName: tableName(), Item: contract, ConditionExpression: 'attribute_not_exists(pk)' } }), part('changeList', listed)], {
    refusals: { contract: () => conflict('这户家庭已经有政策帮扶签约') },
  });
  return contract;
}

export const handler = routeHandler('policy.createContract', { path: FamilyPath, body: PolicyContractRequest }, async ({ path, body, principal, now }) => {
  const created: PolicyFamilySummary = summaryOf(await createPolicyContract(path.familyId, body, principal.personId, now));
  return { status: 201, body: created };
});
