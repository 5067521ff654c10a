import type { ConsultationPath, Principal } from '../../../domain';
import { getThreadMeta, type ThreadMetaItem } from '../db/threads';
import { forbidden, notFound } from '../http/errors';

/**
 * A consultation is read and written by its family's members and by the doctor it was opened with.
 * The route's family-scope check has passed; this reads the consultation's meta (one GetItem) and
 * checks it belongs to the family in the path (a forged or foreign id is "not found") and, for a
 * doctor, that it is theirs.
 */
export async function consultationFor(principal: Principal, path: ConsultationPath): Promise<ThreadMetaItem> {
  const meta = await getThreadMeta(path.consultationId);
  if (!meta || meta.kind !== 'consultation' || meta.familyId !== path.familyId) throw notFound('没有找到这次咨询');
  if (principal.role === 'doctor' && meta.staffId !== principal.personId) throw forbidden('这次咨询由其他医生负责');
  return meta;
}

export const consultationUploadScope = (familyId: string, consultationId: string) => `cons/${familyId}/${consultationId}`;
