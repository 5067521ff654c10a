import { createHash } from 'node:crypto';
import { beijingDate, HomeVisitSigningRequest, toBeijingIso } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { contractItem, doctorContactUpdate, getContract, getVillageTeam, put, signingProjection, stateItem, teamContactOf } from '../lib/db/signing';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberNotice, memberSnapshot, startSigningFrom } from './shared';
import { contractView } from './views';

/**
 * On a home visit a doctor of the team serving the member's village signs the member directly, on
 * the doctor's phone: one transaction makes the contract (the visiting doctor responsible), moves
 * the member's state to signed only if they are neither signed nor waiting on an application (the
 * one-active-contract guard), writes the "current signing" projection, the family's doctor
 * contact and the township's counters (startSigningFrom), and tells the member. The member then draws their
 * confirmation on the same phone (signing.presignSignature, signing.confirm). With an
 * Idempotency-Key the contract id is derived from it, so a retry returns the same contract.
 */
export const handler = routeHandler('signing.signHomeVisit', { body: HomeVisitSigningRequest }, async ({ body, principal, now, headers }) => {
  const today = beijingDate(now);
  const key = headers['idempotency-key'];
  const contractId = `ct_${today.replace(/-/g, '')}${createHash('sha256')
    .update(key ? `${principal.personId}:${body.memberId}:${key}` : `${body.memberId}:${now.getTime()}:${Math.random()}`)
    .digest('hex')
    .slice(0, 16)}`;
  if (key) {
    const earlier = await getContract(body.memberId, contractId);
    if (earlier) return { status: 200, body: contractView(earlier, today) };
  }
  const profile = await getFamilyProfile(body.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  const team = await getVillageTeam(profile.villageId);
  const doctor = team?.members.find((m) => m.personId === principal.personId);
  if (!team || !doctor) throw forbidden('只有本村家庭医生团队的医生可以上门签约');
  const member = profile.members.find((m) => m.personId === body.memberId);
  if (!member) throw badRequest('这户家庭没有这位成员', { 'body.memberId': '不是本户成员' });

  const at = toBeijingIso(now);
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
  const started = await startSigningFrom(
    state,
    contract.member,
    [put(contract, 'attribute_not_exists(pk)')],
    [
      put(signingProjection(contract)),
      doctorContactUpdate(contract, at),
      outboxPut(memberNotice(member.personId, team.name, '医生上门签约，请签字确认', now, `signing-home-${contractId}`), now),
    ],
  );
  if (!started) throw conflict(`${member.name}已经签约或有待处理的签约申请，请在申请列表中处理`);
  return { status: 201, body: contractView(contract, today) };
});
