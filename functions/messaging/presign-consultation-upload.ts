import { ConsultationPath, UploadRequest, type UploadTicket } from '../../domain';
import { getThreadMeta } from '../lib/db/threads';
import { forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { consultationUploadScope } from '../lib/messaging/consultation-access';
import { presignUpload } from '../lib/storage/uploads';

/**
 * Photos for a consultation, also before it is opened: the app picks the consultation's id first,
 * so the key is bound to that one consultation from the start. An id already in use must be this
 * family's consultation (and, for a doctor, theirs); a new id is open only to the family's members.
 */
export const handler = routeHandler('messaging.presignConsultationUpload', { path: ConsultationPath, body: UploadRequest }, async ({ path, body, principal }) => {
  const meta = await getThreadMeta(path.consultationId);
  if (meta && (meta.kind !== 'consultation' || meta.familyId !== path.familyId)) throw forbidden('您不能向这次咨询上传文件');
  if (!meta && principal.role !== 'member') throw forbidden('您不能向这次咨询上传文件');
  if (meta && principal.role === 'doctor' && meta.staffId !== principal.personId) throw forbidden('这次咨询由其他医生负责');
  const ticket: UploadTicket = await presignUpload(consultationUploadScope(path.familyId, path.consultationId), principal.personId, body);
  return { status: 201, body: ticket };
});
