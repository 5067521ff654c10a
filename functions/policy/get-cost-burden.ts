import { type CostBurdenResponse, FamilyPath, isPovertyWarning } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { getFamilyProfile } from '../lib/db/families';
import type { PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { getLedger } from '../lib/db/policy';
import { forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The family's doctor team sees the cost burden of a 双签约 family (totals and the warning, never
 * the visits), only while a living member has agreed to share health data: what illness costs a
 * family is health information about it.
 */
export const handler = routeHandler('policy.getCostBurden', { path: FamilyPath }, async ({ path }) => {
  const [profile, { contract }] = await Promise.all([getFamilyProfile(path.familyId), getLedger(path.familyId)]);
  if (!profile || !contract) throw notFound('这户家庭没有政策帮扶签约');
  const persons = await batchGetAll<PersonItem>(profile.members.filter((m) => !m.deceasedOn).map((m) => keys.person(m.personId)));
  if (!persons.some((p) => p.consent?.healthData)) throw forbidden('这户家庭没有同意共享健康信息，医生团队不能查看医疗费用负担');
  const body: CostBurdenResponse = {
    familyId: contract.familyId,
    cadreName: contract.cadreName,
    yearlyIncomeFen: contract.yearlyIncomeFen,
    outOfPocketFen: contract.totals.outOfPocketFen,
    pendingClaims: contract.totals.pendingClaims,
    warning: isPovertyWarning(contract.totals.outOfPocketFen, contract.yearlyIncomeFen, contract.warningSharePercent),
  };
  return { body };
});
