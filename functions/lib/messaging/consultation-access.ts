import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type ConsultationPath, consultationStatus, pastConsultationAccess, pastConsultationMessage, type Principal } from '../../../domain';
import { db, tableName } from '../db/client';
import { isFamilyContact } from '../db/families';
import { getPerson } from '../db/persons';
import { keys } from '../db/keys';
import { isStaffOnMemberContractTeam, type TeamItem } from '../db/signing';
import { getThreadMeta, type ThreadMetaItem } from '../db/messaging/threads';
import { forbidden, notFound } from '../http/errors';

/**
 * A consultation is read and written by its family's members and by the doctor's TEAM: the doctor
 * it was opened with (while still the family's doctor contact) and every member of the team whose
 * inbox holds it, or of the member's current contract team. The routes carry no family scope (a
 * nurse on the team is not a contact of the family): a member is checked against the family in
 * the token before anything is read; a doctor by the consultation's meta (one GetItem), so a
 * forged or foreign id is refused without telling whether it exists. A doctor opens a closed
 * consultation only while the member shares health data.
 */
export async function consultationFor(principal: Principal, path: ConsultationPath, now: Date): Promise<ThreadMetaItem & { callerName?: string }> {
  if (principal.role === 'member' && principal.familyId !== path.familyId) throw forbidden('您没有权限查看这户家庭的信息');
  const meta = await getThreadMeta(path.consultationId);
  if (principal.role === 'member') {
    if (!meta || meta.kind !== 'consultation' || meta.familyId !== path.familyId) throw notFound('没有找到这次咨询');
    return meta;
  }
  if (!meta || meta.kind !== 'consultation' || meta.familyId !== path.familyId) throw notYourTeams();
  const callerName = await doctorOnConsultation(principal.personId, meta);
  if (callerName === undefined) throw notYourTeams();
  // A closed consultation follows the health-file consent rule (domain/policy/health-access.ts);
  // the member's record is read only then, so an open one costs nothing more.
  const closed = consultationStatus(meta, now) === 'closed';
  if (closed && meta.memberId) {
    const member = await getPerson(meta.memberId);
    if (!pastConsultationAccess({ closed, healthDataShared: member?.consent?.healthData === true }).allowed) throw forbidden(pastConsultationMessage);
  }
  return { ...meta, callerName };
}

const notYourTeams = () => forbidden('这次咨询不属于您的家庭医生团队');

/**
 * The caller's name if they may answer the consultation, else undefined: the doctor named on it
 * while still the family's doctor contact, a member of the team holding it (the team item lists
 * its members with names: one read), or of the member's current contract team.
 */
export async function doctorOnConsultation(staffId: string, meta: ThreadMetaItem): Promise<string | undefined> {
  if (staffId === meta.staffId && (await isFamilyContact(meta.familyId, staffId))) return meta.staffName;
  if (meta.teamId) {
    const team = (await db().send(new GetCommand({ TableName: tableName(), Key: keys.team(meta.teamId) }))).Item as TeamItem | undefined;
    const me = team?.members.find((m) => m.personId === staffId);
    if (me) return me.name;
  }
  if (meta.memberId && (await isStaffOnMemberContractTeam(staffId, meta.memberId))) return meta.participants[staffId] ?? '家庭医生团队';
  return undefined;
}

export const consultationUploadScope = (familyId: string, consultationId: string) => `cons/${familyId}/${consultationId}`;
