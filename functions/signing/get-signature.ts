import { ContractPath } from '../../domain';
import { getContract } from '../lib/db/signing';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { readSignature } from './signature-store';

/** The signature image of a contract of this family, as a data URL. */
export const handler = routeHandler('signing.getSignature', { path: ContractPath }, async ({ path }) => {
  const contract = await getContract(path.memberId, path.contractId);
  if (!contract || contract.familyId !== path.familyId || contract.confirmation?.kind !== 'signature') throw notFound('这份签约还没有签字');
  const image = await readSignature(contract.memberId, contract.contractId);
  if (!image) throw notFound('这份签约还没有签字');
  return { body: { contractId: contract.contractId, at: contract.confirmation.at, image } };
});
