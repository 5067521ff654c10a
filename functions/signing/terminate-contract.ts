import { beijingDate, ContractPath, TerminateRequest, terminationReasonLabels, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { closeContract } from '../lib/db/signing';
import { signingCounterMove } from '../lib/db/signing-figures';
import { part, parts, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { activeContractFor } from './contract-access';
import { checkTerminationDate, memberNotice } from './shared';
import { endedEvent } from './change-events';
import { getPerson } from '../lib/db/persons';
import { contractView } from './views';

/**
 * Ends a contract with one of the recorded reasons and its date. The contract stays (history);
 * the member's state, the "current signing" projection and the team's renewal index let go of it
 * in the same transaction, and the township's signed and wanting counters drop by one (a member
 * whose contract ended, by moving away, death or withdrawal, no longer counts as wanting one).
 * The family's doctor contact stays: other members may still be signed, and contact changes are
 * handed over by the commission.
 */
export const handler = routeHandler('signing.terminate', { path: ContractPath, body: TerminateRequest }, async ({ path, body, principal, now }) => {
  const contract = await activeContractFor(principal, path);
  // Read after the access check: a refused caller reads nothing but what decides the refusal.
  const actor = await getPerson(principal.personId);
  const today = beijingDate(now);
  checkTerminationDate(contract, body.date, today);
  const at = toBeijingIso(now);
  const termination = { reason: body.reason, date: body.date, byId: principal.personId, at };
  const ended = () => conflict('这份签约已经解除或续约');
  await transact(
    [
      part('contract', closeContract(contract, 'terminated', termination)),
      part('changeList', endedEvent(contract, body.reason, body.date, actor?.name ?? '', now)),
      part('state', {
        Update: {
          TableName: tableName(),
          Key: keys.signingState(contract.memberId),
          UpdateExpression: 'SET #state = :terminated, updatedAt = :at REMOVE contractId, endDate',
          ConditionExpression: '#state = :signed AND contractId = :c',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':terminated': 'terminated', ':signed': 'signed', ':c': contract.contractId, ':at': at },
        },
      }),
      part('projection', { Delete: { TableName: tableName(), Key: keys.familySigning(contract.familyId, contract.memberId) } }),
      ...parts('counter', signingCounterMove(contract.member, 'signed', 'terminated')),
      part('outbox', outboxPut(memberNotice(contract.memberId, contract.teamName, `已解约：${terminationReasonLabels[body.reason]}`, now, `signing-ended-${contract.contractId}`), now)),
    ],
    { refusals: { contract: ended, state: ended } },
  );
  return { body: contractView({ ...contract, status: 'terminated', termination }, today) };
});
