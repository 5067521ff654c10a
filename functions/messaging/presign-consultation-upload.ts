import { ConsultationPath, UploadRequest, type UploadTicket } from '../../domain';
import { getThreadMeta } from '../lib/db/messaging/threads';
import { consultationUploadScope, doctorOnConsultation } from '../lib/messaging/consultation-access';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { presignUpload } from '../lib/storage/uploads';

/**
 * Photos for a consultation, also before it is opened: the app picks the consultation's id first,
 * so the key is bound to that one consultation from the start. An id already in use must be this
 * family's consultation (and, for a doctor, their team's); a new id is open only to the family's members.
 */
export const handler = routeHandler('messaging.presignConsultationUpload', { path: ConsultationPath, body: UploadRequest }, async ({ path, body, principal }) => {
  if (principal.role === 'member' && principal.familyId !== path.familyId) throw forbidden('您没有权限查看这户家庭的信息');
  const meta = await getThreadMeta(path.consultationId);
  if (meta && (meta.kind !== 'consultation' || meta.familyId !== path.familyId)) throw forbidden('您不能向这次咨询上传文件');
  if (!meta && principal.role !== 'member') throw forbidden('您不能向这次咨询上传文件');
  if (meta && principal.role === 'doctor' && (await doctorOnConsultation(principal.personId, meta)) === undefined) throw forbidden('这次咨询不属于您的家庭医生团队');
  const ticket: UploadTicket = await presignUpload(consultationUploadScope(path.familyId, path.consultationId), principal.personId, body);
  return { status: 201, body: ticket };
});
