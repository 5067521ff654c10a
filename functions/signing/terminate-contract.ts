import { beijingDate, ContractPath, TerminateRequest, terminationReasonLabels, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { closeContract, transact, TransactionRefused } from '../lib/db/signing';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { signingCounterMove } from '../lib/db/signing-figures';
import { outboxPut } from '../lib/notify/outbox';
import { activeContractFor } from './contract-access';
import { checkTerminationDate, memberNotice } from './shared';
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
  const today = beijingDate(now);
  checkTerminationDate(contract, body.date, today);
  const at = toBeijingIso(now);
  const termination = { reason: body.reason, date: body.date, byId: principal.personId, at };
  try {
    await transact([
      closeContract(contract, 'terminated', termination),
      {
        Update: {
          TableName: tableName(),
          Key: keys.signingState(contract.memberId),
          UpdateExpression: 'SET #state = :terminated, updatedAt = :at REMOVE contractId, endDate',
          ConditionExpression: '#state = :signed AND contractId = :c',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':terminated': 'terminated', ':signed': 'signed', ':c': contract.contractId, ':at': at },
        },
      },
      { Delete: { TableName: tableName(), Key: keys.familySigning(contract.familyId, contract.memberId) } },
      ...signingCounterMove(contract.member, 'signed', 'terminated'),
      outboxPut(memberNotice(contract.memberId, contract.teamName, `已解约：${terminationReasonLabels[body.reason]}`, now, `signing-ended-${contract.contractId}`), now),
    ]);
  } catch (err) {
    if (err instanceof TransactionRefused) throw conflict('这份签约已经解除或续约');
    throw err;
  }
  return { body: contractView({ ...contract, status: 'terminated', termination }, today) };
});
