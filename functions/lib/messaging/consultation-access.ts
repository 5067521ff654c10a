import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type ConsultationPath, consultationStatus, pastConsultationAccess, pastConsultationMessage, type Principal } from '../../../domain';
import { batchGetAll } from '../db/batch';
import { db, tableName } from '../db/client';
import { isFamilyContact } from '../db/families';
import type { InboxSource } from '../db/messaging/inbox';
import { getPerson, getPersons } from '../db/persons';
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
 * The inbox rows whose text the team may no longer see: closed consultations of members who do
 * not share health data, by the rule that refuses opening them (pastConsultationAccess). Nothing
 * is read for a page without closed consultations; otherwise ONE BatchGet of their members'
 * records (read fresh, so a withdrawal or a new agreement shows at once). Answered entries written
 * before they carried the member's id cost one more BatchGet, of their metas.
 */
export async function withheldConsultations(sources: readonly InboxSource[], now: Date): Promise<Set<string>> {
  const closed = sources.filter((s) => s.kind === 'consultation' && consultationStatus(s, now) === 'closed');
  if (closed.length === 0) return new Set();
  const unnamed = closed.filter((s) => !s.memberId);
  const metas = unnamed.length ? await batchGetAll<ThreadMetaItem>(unnamed.map((s) => keys.threadMeta(s.threadId))) : [];
  const memberOf = new Map<string, string>();
  for (const s of [...closed, ...metas]) if (s.memberId) memberOf.set(s.threadId, s.memberId);
  if (memberOf.size === 0) return new Set();
  const sharing = new Set((await getPersons([...new Set(memberOf.values())])).filter((p) => p.consent?.healthData === true).map((p) => p.personId));
  // A consultation without a member is not refused on opening either (consultationFor).
  return new Set(closed.filter((s) => memberOf.has(s.threadId) && !pastConsultationAccess({ closed: true, healthDataShared: sharing.has(memberOf.get(s.threadId)!) }).allowed).map((s) => s.threadId));
}

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
