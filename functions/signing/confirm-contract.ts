import { beijingDate, ContractPath, SignatureRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import type { ContractConfirmation } from '../lib/db/signing';
import { part, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { activeContractFor } from './contract-access';
import { verifySignature } from './signature-store';
import { contractView } from './views';

/**
 * The member confirms the contract with a signature drawn on the canvas (on their phone, or on the
 * doctor's during a home visit) and already uploaded to S3 (signing.presignSignature). The stored
 * object must really be a PNG or JPEG of at most 1 MB under this contract (signature-store.ts);
 * the contract then records its key and the time, only once.
 */
export const handler = routeHandler('signing.confirm', { path: ContractPath, body: SignatureRequest }, async ({ path, body, principal, now }) => {
  const contract = await activeContractFor(principal, path);
  if (contract.confirmation) throw conflict('这份签约已经签字确认过了');
  const stored = await verifySignature(body.key, contract, principal.personId);
  const confirmation: ContractConfirmation = {
    kind: 'signature',
    at: toBeijingIso(now),
    byId: principal.personId,
    byName: contract.member.name,
    imageKind: stored.kind,
    bytes: stored.bytes,
    key: stored.key,
    contentType: stored.contentType,
  };
  await transact(
    [
      part('contract', {
        Update: {
          TableName: tableName(),
          Key: keys.signingContract(contract.memberId, contract.contractId),
          UpdateExpression: 'SET confirmation = :c',
          ConditionExpression: '#status = :active AND attribute_not_exists(confirmation)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':c': confirmation, ':active': 'active' },
        },
      }),
    ],
    { refusals: { contract: () => conflict('这份签约已经签字确认过了') } },
  );
  return { body: contractView({ ...contract, confirmation }, beijingDate(now)) };
});
