import { beijingDate, ContractPath, SignatureRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import type { ContractConfirmation, ContractItem } from '../lib/db/signing';
import { part, type Part, transact } from '../lib/db/transact';
import { actingRefusals } from '../lib/http/acting';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { activeContractFor, paperContractFor } from './contract-access';
import { verifySignature } from './signature-store';
import { contractView } from './views';

/**
 * The member confirms the contract with a signature drawn on the canvas (on their phone, or on the
 * doctor's during a home visit) and already uploaded to S3 (signing.presignSignature). The stored
 * object must really be a PNG or JPEG of at most 1 MB under this contract (signature-store.ts);
 * the contract then records its key and the time, only once.
 *
 * `kind: 'paper'`: the member signed the form on paper and the contract's team, acting for the
 * family (代办), uploaded a photo of it (at most 5 MB). The contract records who acted; the same
 * transaction checks the family has not meanwhile refused 代办, writes the access-log line and
 * tells the family's members (functions/lib/http/acting.ts).
 */
export const handler = routeHandler('signing.confirm', { path: ContractPath, body: SignatureRequest }, async ({ path, body, principal, now }) => {
  const paper = body.kind === 'paper';
  const { contract, acting } = paper ? await paperContractFor(principal, path) : { contract: await activeContractFor(principal, path), acting: undefined };
  if (contract.confirmation) throw conflict('这份签约已经签字确认过了');
  const stored = await verifySignature(body.key, contract, principal.personId, paper ? 'paper' : 'signature');
  const confirmation: ContractConfirmation = {
    kind: paper ? 'paper' : 'signature',
    at: toBeijingIso(now),
    // The member signed, on the screen or on paper; who uploaded the paper is `actedBy`.
    byId: paper ? contract.memberId : principal.personId,
    byName: contract.member.name,
    imageKind: stored.kind,
    bytes: stored.bytes,
    key: stored.key,
    contentType: stored.contentType,
    ...(acting ? { actedBy: acting.actedBy } : {}),
  };
  const extra: Part<'acting' | 'other'>[] = acting
    ? acting.parts({ action: 'paperContract', subject: { personId: contract.memberId, name: contract.member.name }, page: contractPage(contract), now })
    : [];
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
      ...extra,
    ],
    { refusals: { contract: () => conflict('这份签约已经签字确认过了'), ...actingRefusals } },
  );
  return { body: contractView({ ...contract, confirmation }, beijingDate(now)) };
});

/** Where the members' notice opens: the member's contract page. */
const contractPage = (c: Pick<ContractItem, 'memberId'>) => `packages/signing/contract/index?memberId=${c.memberId}`;
