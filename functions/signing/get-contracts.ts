import { beijingDate, FamilyMemberPath, type MemberContractResponse } from '../../domain';
import { listMemberContracts } from '../lib/db/signing';
import { routeHandler } from '../lib/http/route-handler';
import { contractView } from './views';

/**
 * A member's contracts with what each promised and what was done (the counters on the contract
 * item), newest first: one Query of the member's signing partition (after the scope check for
 * staff). Only contracts made for this family are returned, so a path naming another family's
 * member shows nothing.
 */
export const handler = routeHandler('signing.getContracts', { path: FamilyMemberPath }, async ({ path, now }) => {
  const today = beijingDate(now);
  const contracts = (await listMemberContracts(path.memberId)).filter((c) => c.familyId === path.familyId);
  const views = contracts.map((c) => contractView(c, today));
  const body: MemberContractResponse = { current: views.find((c) => c.status === 'active'), history: views };
  return { body };
});
