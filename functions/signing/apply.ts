import { randomBytes } from 'node:crypto';
import { applicationDeadline, beijingDate, beijingWhen, FamilyPath, SigningApplicationRequest, toBeijingIso } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { keys } from '../lib/db/keys';
import { type ApplicationItem, getVillageTeam, put, stateItem, teamContactOf } from '../lib/db/signing';
import { part } from '../lib/db/transact';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberSnapshot, responsibleDoctor, startSigningFrom } from './shared';
import { applicationView } from './views';

/**
 * A member (or a relative for them) applies to the team serving the family's village. The
 * application, the member's state (guarded: not while applied or signed), the township's
 * "wanting" counter when the member was not counted yet, and the team lead's notification are one
 * transaction (startSigningFrom), with the Idempotency-Key's marker: a retry gets the first answer.
 */
export const handler = routeHandler('signing.apply', { path: FamilyPath, body: SigningApplicationRequest }, async ({ path, body, principal, now, idempotency }) => {
  const profile = await getFamilyProfile(path.familyId);
  if (!profile) throw notFound('没有找到这户家庭');
  const member = profile.members.find((m) => m.personId === body.memberId);
  if (!member) throw badRequest('这户家庭没有这位成员', { 'body.memberId': '不是本户成员' });

  const team = await getVillageTeam(profile.villageId);
  if (!team) throw conflict(`${profile.villageName}还没有家庭医生团队，请联系${profile.helpline.name}（${profile.helpline.phone}）`);
  const doctor = responsibleDoctor(team, profile.villageId);

  const today = beijingDate(now);
  const snapshot = memberSnapshot(profile, member);
  const deadline = applicationDeadline(today);
  const applicationId = `ap_${randomBytes(12).toString('hex')}`;
  const application: ApplicationItem = {
    ...keys.signingApplication(member.personId, applicationId),
    entity: 'signingApplication',
    applicationId,
    memberId: member.personId,
    familyId: profile.familyId,
    member: snapshot,
    teamId: team.teamId,
    teamName: team.name,
    leadId: team.leadId,
    doctor,
    teamContact: teamContactOf(team),
    packageIds: ['basic', ...(body.optionalPackages ?? []).filter((p) => p !== 'basic')],
    submittedAt: toBeijingIso(now),
    submittedById: principal.personId,
    deadline,
    status: 'pending',
    gsi1pk: keys.staffPk(team.leadId),
    gsi1sk: keys.leadApplicationSk(deadline, applicationId),
  };
  const state = stateItem(member.personId, profile.familyId, snapshot, {
    state: 'applied',
    applicationId,
    deadline,
    teamId: team.teamId,
    teamName: team.name,
    updatedAt: toBeijingIso(now),
  });
  const response = applicationView(application, today);
  const started = await startSigningFrom(state, snapshot, [
    part('application', put(application, 'attribute_not_exists(pk)')),
    part(
      'outbox',
      outboxPut(
        {
          recipientId: team.leadId,
          template: 'signing.update',
          data: { team: team.name, status: `${member.name}申请签约`, time: beijingWhen(now, now) },
          page: 'packages/team/applications/index',
          dedupeKey: `signing-apply-${applicationId}`,
        },
        now,
      ),
    ),
    ...idempotency.marker(response, 201),
  ]);
  if (!started) throw conflict(`${member.name}已经签约或已提交申请，不需要重复申请`);
  return { status: 201, body: response };
});
