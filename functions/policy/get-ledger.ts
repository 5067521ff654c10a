import { FamilyPath, type LedgerResponse } from '../../domain';
import { getLedger } from '../lib/db/policy';
import { forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { entryView, summaryOf } from './views';

/**
 * A family's medical-cost ledger. The family and the commission see it within their scope; of the
 * contact persons only the cadre the family is under contract with does (not every contact).
 */
export const handler = routeHandler('policy.getLedger', { path: FamilyPath }, async ({ path, principal }) => {
  const { contract, entries } = await getLedger(path.familyId);
  if (!contract) throw notFound('这户家庭没有政策帮扶签约');
  if (principal.role === 'contact' && contract.cadreId !== principal.personId) throw forbidden('只有签约帮扶干部可以查看这户的医疗费用台账');
  const body: LedgerResponse = { summary: summaryOf(contract), members: contract.members, entries: entries.map((e) => entryView(e, contract)) };
  return { body };
});
