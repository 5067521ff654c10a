import { beijingDate, HomeVisitSigningRequest, toBeijingIso } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { contractItem, doctorContactUpdate, getVillageTeam, newContractId, put, signingProjection, stateItem, teamContactOf } from '../lib/db/signing';
import { part } from '../lib/db/transact';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberNotice, memberSnapshot, startSigningFrom } from './shared';
import { signedEvent } from './change-events';
import { contractView } from './views';

/**
 * On a home visit a doctor of the team serving the member's village signs the member directly, on
 * the doctor's phone: one transaction makes the contract (the visiting doctor responsible), moves
 * the member's state to signed only if they are neither signed nor waiting on an application (the
 * one-active-contract guard), writes the "current signing" projection, the family's doctor
 * contact and the township's counters (startSigningFrom), and tells the member. The member then draws their
 * confirmation on the same phone (signing.presignSignature, signing.confirm). The Idempotency-Key's
 * marker rides in the same transaction: a retry gets the first answer.
 */
export const handler = routeHandler('signing.signHomeVisit', { body: HomeVisitSigningRequest }, async ({ body, principal, now, idempotency }) => {
  const today = beijingDate(now);
  const profile = await getFamilyProfile(body.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  const team = await getVillageTeam(profile.villageId);
  const doctor = team?.members.find((m) => m.personId === principal.personId);
  if (!team || !doctor) throw forbidden('只有本村家庭医生团队的医生可以上门签约');
  const member = profile.members.find((m) => m.personId === body.memberId);
  if (!member) throw badRequest('这户家庭没有这位成员', { 'body.memberId': '不是本户成员' });

  const at = toBeijingIso(now);
  const contractId = newContractId(today);
  const contract = contractItem({
    contractId,
    memberId: member.personId,
    familyId: profile.familyId,
    member: memberSnapshot(profile, member),
    teamId: team.teamId,
    teamName: team.name,
    doctor,
    teamContact: teamContactOf(team),
    packageIds: ['basic', ...(body.optionalPackages ?? []).filter((p) => p !== 'basic')],
    startDate: today,
    source: 'home_visit',
    createdAt: at,
  });
  const state = stateItem(member.personId, profile.familyId, contract.member, {
    state: 'signed',
    contractId,
    teamId: team.teamId,
    teamName: team.name,
    endDate: contract.endDate,
    updatedAt: at,
  });
  const response = contractView(contract, today);
  const started = await startSigningFrom(state, contract.member, [
    part('contract', put(contract, 'attribute_not_exists(pk)')),
    part('projection', put(signingProjection(contract))),
    part('doctorContact', doctorContactUpdate(contract, at)),
    part('changeList', signedEvent(contract, doctor.name, now)),
    part('outbox', outboxPut(memberNotice(member.personId, team.name, '医生上门签约，请签字确认', now, `signing-home-${contractId}`), now)),
    ...idempotency.marker(response, 201),
  ]);
  if (!started) throw conflict(`${member.name}已经签约或有待处理的签约申请，请在申请列表中处理`);
  return { status: 201, body: response };
});
