import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsultationResponse, CreateConsultationRequest } from '../../domain';
import { db, tableName } from '../lib/db/client';
import { greenChannelOf } from '../lib/db/designated-channel';
import { getFamilyRecord } from '../lib/db/families';
import { keys } from '../lib/db/keys';
import { ConsultationIdTaken, createConsultation } from '../lib/db/messaging/consultations';
import { getSigningStates, getStaffTeamIds, type VillageTeamItem } from '../lib/db/signing';
import { conflict, notFound } from '../lib/http/errors';
import type { RouteResult } from '../lib/http/route-handler';
import { consultationUploadScope } from '../lib/messaging/consultation-access';
import { checkedAttachments } from '../lib/messaging/send';
import { consultationView } from '../lib/messaging/views';

/**
 * A member of the family opens a consultation with the family's doctor. The route and the demo
 * seed both come through here, so the seeded consultation is one a member could have opened (the
 * id is the app's, in the body). If the member answered yes to the triage question, it is urgent
 * (first in the doctor's queue) and the answer carries 120 and the green-channel phone of the
 * family's own designated institution (the app shows them before anything else, even before this
 * answer arrives). It goes to the inbox of the member's contract team (any member of the team may
 * answer), or of the doctor's team for a member not (yet) signed.
 */
export async function openConsultation(familyId: string, memberId: string, body: CreateConsultationRequest, now: Date): Promise<RouteResult<ConsultationResponse>> {
  const record = await getFamilyRecord(familyId);
  if (!record) throw notFound('没有找到您的家庭信息');
  const doctor = record.contacts.find((c) => c.kind === 'doctor');
  if (!doctor) throw conflict('您家还没有签约家庭医生，请联系村（社区）联系人');
  const member = record.profile.members.find((m) => m.personId === memberId);
  const teamId = await consultationTeam(memberId, doctor.staffId, record.profile.villageId);
  const attachments = await checkedAttachments(body.attachments, consultationUploadScope(familyId, body.consultationId), memberId);
  try {
    const { meta, created } = await createConsultation({ memberId, memberName: member?.name ?? '家庭成员', profile: record.profile, doctor, body, attachments, ...(teamId ? { teamId } : {}) }, now);
    return { status: created ? 201 : 200, body: { consultation: consultationView(meta, now, meta.urgent ? await greenChannelOf(record.profile) : undefined) } };
  } catch (err) {
    if (err instanceof ConsultationIdTaken) throw conflict('咨询编号已被使用，请重新发起');
    throw err;
  }
}

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
