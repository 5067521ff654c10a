import { CreateConsultationRequest, FamilyPath, type ConsultationResponse } from '../../domain';
import { ConsultationIdTaken, createConsultation } from '../lib/db/messaging/consultations';
import { getFamilyRecord } from '../lib/db/families';
import { greenChannelOf } from '../lib/db/designated-channel';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { getSigningStates, getStaffTeamIds, type VillageTeamItem } from '../lib/db/signing';
import { consultationUploadScope } from '../lib/messaging/consultation-access';
import { checkedAttachments } from '../lib/messaging/send';
import { consultationView } from '../lib/messaging/views';

/**
 * A member opens a consultation with the family's doctor. If the member answered yes to the
 * triage question, it is urgent (first in the doctor's queue) and the answer carries 120 and the
 * green-channel phone of the family's own designated institution (the app shows them before anything else, even before
 * this answer arrives). It goes to the inbox of the member's contract team (any member of the team
 * may answer), or of the doctor's team for a member not (yet) signed.
 */
export const handler = routeHandler('messaging.createConsultation', { path: FamilyPath, body: CreateConsultationRequest }, async ({ path, body, principal, now }) => {
  const record = await getFamilyRecord(path.familyId);
  if (!record) throw notFound('没有找到您的家庭信息');
  const doctor = record.contacts.find((c) => c.kind === 'doctor');
  if (!doctor) throw conflict('您家还没有签约家庭医生，请联系村（社区）联系人');
  const member = record.profile.members.find((m) => m.personId === principal.personId);
  const teamId = await consultationTeam(principal.personId, doctor.staffId, record.profile.villageId);
  const attachments = await checkedAttachments(body.attachments, consultationUploadScope(path.familyId, body.consultationId), principal.personId);
  try {
    const { meta, created } = await createConsultation({ memberId: principal.personId, memberName: member?.name ?? '家庭成员', profile: record.profile, doctor, body, attachments, ...(teamId ? { teamId } : {}) }, now);
    const response: ConsultationResponse = { consultation: consultationView(meta, now, meta.urgent ? await greenChannelOf(record.profile) : undefined) };
    return { status: created ? 201 : 200, body: response };
  } catch (err) {
    if (err instanceof ConsultationIdTaken) throw conflict('咨询编号已被使用，请重新发起');
    throw err;
  }
});

/**
 * The member's contract team (STATE item); for a member not yet signed, the doctor's team, and for
 * a doctor on several teams the one serving the family's village.
 */
async function consultationTeam(memberId: string, doctorId: string, villageId: string): Promise<string | undefined> {
  const [state] = await getSigningStates([memberId]);
  if (state?.state === 'signed' && state.teamId) return state.teamId;
  const teams = await getStaffTeamIds(doctorId);
  if (teams.length <= 1) return teams[0];
  const village = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.villageTeam(villageId) }))).Item as VillageTeamItem | undefined;
  return village && teams.includes(village.teamId) ? village.teamId : teams[0];
}
