import { ContractPath, SignatureUploadRequest, type UploadTicket } from '../../domain';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { activeContractFor, paperContractFor } from './contract-access';
import { presignSignature } from './signature-store';

/**
 * A presigned POST for the drawn signature of one active, unconfirmed contract: to the member of
 * the family, or to a doctor of the contract's team (the member signs on the doctor's phone). For
 * a photo of the form signed on paper (`kind: 'paper'`), only to the team acting for the family
 * (代办), refused when the family asked that nobody acts for it.
 */
export const handler = routeHandler('signing.presignSignature', { path: ContractPath, body: SignatureUploadRequest }, async ({ path, body, principal }) => {
  const contract = body.kind === 'paper' ? (await paperContractFor(principal, path)).contract : await activeContractFor(principal, path);
  if (contract.confirmation) throw conflict('这份签约已经签字确认过了');
  const ticket: UploadTicket = await presignSignature(contract.familyId, contract.contractId, principal.personId, body);
  return { status: 201, body: ticket };
});
