import { beijingDate, ContractPath, formatChineseDate, contractEndDate, isInRenewalWindow, renewalStart, RENEWAL_WINDOW_DAYS, RenewRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { closeContract, contractItem, newContractId, put } from '../lib/db/signing';
import { part, transact } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { activeContractFor } from './contract-access';
import { renewedEvent } from './change-events';
import { contractView } from './views';

/**
 * Renewal in one tap, from 30 days before the end (or after a lapse): the old contract is closed as
 * renewed and the next one, same team, doctor and packages, starts the day after it ends. The tap
 * is the member's confirmation. One transaction, conditioned on the member's state still naming
 * the old contract, so a double tap renews once.
 */
export const handler = routeHandler('signing.renew', { path: ContractPath, body: RenewRequest }, async ({ path, principal, now }) => {
  const old = await activeContractFor(principal, path);
  const today = beijingDate(now);
  if (!isInRenewalWindow(old.endDate, today)) throw conflict(`签约到期前 ${RENEWAL_WINDOW_DAYS} 天内才能续约，本期到 ${formatChineseDate(old.endDate, today)}结束`);
  const at = toBeijingIso(now);
  const startDate = renewalStart(old.endDate, today);
  const next = contractItem({
    contractId: newContractId(startDate),
    memberId: old.memberId,
    familyId: old.familyId,
    member: old.member,
    teamId: old.teamId,
    teamName: old.teamName,
    doctor: old.doctor,
    teamContact: old.teamContact,
    packageIds: old.packageIds,
    startDate,
    endDate: contractEndDate(startDate),
    source: 'renewal',
    previousContractId: old.contractId,
    createdAt: at,
    confirmation: { kind: 'tap', at, byId: principal.personId, byName: old.member.name },
  });
  const renewed = () => conflict('这份签约已经续约');
  await transact(
    [
      part('old', closeContract(old, 'renewed')),
      part('next', put(next, 'attribute_not_exists(pk)')),
      part('changeList', renewedEvent(old, next, old.member.name, now)),
      part('state', {
        Update: {
          TableName: tableName(),
          Key: keys.signingState(old.memberId),
          UpdateExpression: 'SET contractId = :next, endDate = :end, updatedAt = :at',
          ConditionExpression: '#state = :signed AND contractId = :old',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':next': next.contractId, ':end': next.endDate, ':at': at, ':signed': 'signed', ':old': old.contractId },
        },
      }),
    ],
    { refusals: { old: renewed, state: renewed } },
  );
  return { status: 201, body: contractView(next, today) };
});
