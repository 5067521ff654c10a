import { CreateConsultationRequest, FamilyPath, type ConsultationResponse } from '../../domain';
import { consultationView, createConsultation } from '../lib/db/consultations';
import { getFamilyRecord } from '../lib/db/families';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { consultationUploadScope } from '../lib/messaging/consultation-access';
import { checkedAttachments } from '../lib/messaging/send';

/**
 * A member opens a consultation with the family's doctor. If the member answered yes to the
 * triage question, it is urgent (first in the doctor's queue) and the answer carries 120 and the
 * designated hospital's green-channel phone (the app shows them before anything else, even before
 * this answer arrives).
 */
export const handler = routeHandler('messaging.createConsultation', { path: FamilyPath, body: CreateConsultationRequest }, async ({ path, body, principal, now }) => {
  const record = await getFamilyRecord(path.familyId);
  if (!record) throw notFound('没有找到您的家庭信息');
  const doctor = record.contacts.find((c) => c.kind === 'doctor');
  if (!doctor) throw conflict('您家还没有签约家庭医生，请联系村（社区）联系人');
  const member = record.profile.members.find((m) => m.personId === principal.personId);
  const attachments = await checkedAttachments(body.attachments, consultationUploadScope(path.familyId, body.consultationId), principal.personId);
  try {
    const { meta, created } = await createConsultation({ memberId: principal.personId, memberName: member?.name ?? '家庭成员', profile: record.profile, doctor, body, attachments }, now);
    const response: ConsultationResponse = { consultation: consultationView(meta, now) };
    return { status: created ? 201 : 200, body: response };
  } catch (err) {
    if ((err as { taken?: boolean }).taken) throw conflict('咨询编号已被使用，请重新发起');
    throw err;
  }
});
