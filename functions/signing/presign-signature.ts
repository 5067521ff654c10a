import { ContractPath, SignatureUploadRequest, type UploadTicket } from '../../domain';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { activeContractFor } from './contract-access';
import { presignSignature } from './signature-store';

/**
 * A presigned POST for the drawn signature of one active, unconfirmed contract: to the member of
 * the family, or to a doctor of the contract's team (the member signs on the doctor's phone).
 */
export const handler = routeHandler('signing.presignSignature', { path: ContractPath, body: SignatureUploadRequest }, async ({ path, body, principal }) => {
  const contract = await activeContractFor(principal, path);
  if (contract.confirmation) throw conflict('这份签约已经签字确认过了');
  const ticket: UploadTicket = await presignSignature(contract.familyId, contract.contractId, principal.personId, body);
  return { status: 201, body: ticket };
});
