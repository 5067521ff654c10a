import { beijingDate, ChangeTeamRequest, ContractPath, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { closeContract, contractItem, doctorContactUpdate, getTeam, newContractId, put, signingProjection, teamContactOf } from '../lib/db/signing';
import { part, transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { activeContractFor } from './contract-access';
import { checkTerminationDate, memberNotice, responsibleDoctor } from './shared';
import { teamChangedEvent } from './change-events';
import { getPerson } from '../lib/db/persons';
import { contractView } from './views';

/**
 * A change of team is a termination (with its reason and date) and a new one-year contract with
 * the other team in ONE transaction: the member is never without a contract, and never with two.
 * The new contract waits for the member's signature like any other. The township's signed-members
 * counter does not move: the same member stays signed in the same village (a transaction may not
 * touch the counter item twice anyway).
 */
export const handler = routeHandler('signing.changeTeam', { path: ContractPath, body: ChangeTeamRequest }, async ({ path, body, principal, now }) => {
  const old = await activeContractFor(principal, path);
  const today = beijingDate(now);
  checkTerminationDate(old, body.date, today);
  if (body.teamId === old.teamId) throw badRequest('新团队与现在的团队相同', { 'body.teamId': '请选择另一个团队' });
  const [team, actor] = await Promise.all([getTeam(body.teamId), getPerson(principal.personId)]);
  if (!team || team.countyId !== old.member.countyId) throw badRequest('没有找到这个团队', { 'body.teamId': '本县没有这个团队' });
  const doctor = responsibleDoctor(team, old.member.villageId);
  const at = toBeijingIso(now);
  const next = contractItem({
    contractId: newContractId(today),
    memberId: old.memberId,
    familyId: old.familyId,
    member: old.member,
    teamId: team.teamId,
    teamName: team.name,
    doctor,
    teamContact: teamContactOf(team),
    packageIds: old.packageIds,
    startDate: today,
    source: 'team_change',
    previousContractId: old.contractId,
    createdAt: at,
  });
  const ended = () => conflict('这份签约已经解除或续约');
  await transact(
    [
      part('old', closeContract(old, 'terminated', { reason: body.reason, date: body.date, byId: principal.personId, at })),
      part('next', put(next, 'attribute_not_exists(pk)')),
      part('changeList', teamChangedEvent(old, next, body.reason, actor?.name ?? '', now)),
      part('state', {
        Update: {
          TableName: tableName(),
          Key: keys.signingState(old.memberId),
          UpdateExpression: 'SET contractId = :next, teamId = :team, teamName = :teamName, endDate = :end, updatedAt = :at',
          ConditionExpression: '#state = :signed AND contractId = :old',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':next': next.contractId, ':team': team.teamId, ':teamName': team.name, ':end': next.endDate, ':at': at, ':signed': 'signed', ':old': old.contractId },
        },
      }),
      part('projection', put(signingProjection(next))),
      part('doctorContact', doctorContactUpdate(next, at)),
      part('outbox', outboxPut(memberNotice(old.memberId, team.name, '已更换签约团队，请签字确认', now, `signing-moved-${next.contractId}`), now)),
    ],
    { refusals: { old: ended, state: ended } },
  );
  return { status: 201, body: contractView(next, today) };
});
