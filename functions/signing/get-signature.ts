import { ContractPath, type SignatureView } from '../../domain';
import { getContract } from '../lib/db/signing';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { signatureUrl } from './signature-store';

/** The signature image of a contract of this family (or the photo of its paper form), as a short-lived URL. */
export const handler = routeHandler('signing.getSignature', { path: ContractPath }, async ({ path }) => {
  const contract = await getContract(path.memberId, path.contractId);
  const c = contract?.confirmation;
  if (!contract || contract.familyId !== path.familyId || (c?.kind !== 'signature' && c?.kind !== 'paper') || !c.key || !c.contentType || !c.bytes) throw notFound('这份签约还没有签字');
  const body: SignatureView = { contractId: contract.contractId, at: c.at, kind: c.kind, url: await signatureUrl({ key: c.key, contentType: c.contentType, bytes: c.bytes }) };
  return { body };
});
