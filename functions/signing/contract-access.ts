import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../domain';
import { db, tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { type ContractItem, getContract, type SigningStateItem } from '../lib/db/signing';
import { type Acting, actFor } from '../lib/http/acting';
import { conflict, forbidden, notFound } from '../lib/http/errors';
import { familyInScope } from '../lib/http/scope';

async function onTeam(teamId: string, staffId: string): Promise<boolean> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.teamMember(teamId, staffId), ProjectionExpression: 'pk' }));
  return Boolean(out.Item);
}

/**
 * The active contract a path names, for the routes that change it. A member reaches their own
 * family's (known from the token, checked before any read); commission staff their region's
 * (checked before the contract is read); a doctor the contracts of their own team.
 */
export async function activeContractFor(
  principal: Principal,
  path: { familyId: string; memberId: string; contractId: string },
): Promise<ContractItem> {
  if (principal.role === 'member' && principal.familyId !== path.familyId) throw forbidden('您没有权限查看这户家庭的信息');
  if (principal.role === 'commission' && !(await familyInScope(principal, path.familyId))) throw forbidden('您没有权限查看这户家庭的信息');
  const contract = await getContract(path.memberId, path.contractId);
  if (!contract || contract.familyId !== path.familyId) throw notFound('没有找到这份签约');
  if (principal.role === 'doctor' && !(await onTeam(contract.teamId, principal.personId))) throw forbidden('这份签约不属于您的团队');
  if (contract.status !== 'active') throw conflict(contract.status === 'renewed' ? '这份签约已经续约' : '这份签约已经解除');
  return contract;
}

/**
 * The active contract a path names, for a contract signed on paper and confirmed by the team
 * acting for the family (代办): the one acting rule decides (functions/lib/http/acting.ts; a
 * doctor of the member's current contract's team, only while the family has not refused 代办),
 * in its one BatchGet that also reads the contract. The contract must be the member's current one,
 * so the team the rule checked is the contract's own.
 */
export async function paperContractFor(
  principal: Principal,
  path: { familyId: string; memberId: string; contractId: string },
): Promise<{ contract: ContractItem; acting: Acting }> {
  const contractKey = keys.signingContract(path.memberId, path.contractId);
  const acting = await actFor(principal, { familyId: path.familyId, memberId: path.memberId }, [contractKey]);
  const contract = acting.get<ContractItem>(contractKey);
  if (!contract || contract.familyId !== path.familyId) throw notFound('没有找到这份签约');
  if (contract.status !== 'active') throw conflict(contract.status === 'renewed' ? '这份签约已经续约' : '这份签约已经解除');
  if (acting.get<SigningStateItem>(keys.signingState(path.memberId))?.contractId !== contract.contractId) throw forbidden('这份签约不属于您的团队');
  return { contract, acting };
}
