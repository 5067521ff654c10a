import { FamilyMemberPath, type RevealedPhoneResponse, toBeijingIso } from '../../domain';
import { decryptField } from '../lib/crypto/field-crypto';
import { writeAuditEvent } from '../lib/db/audit';
import { getPersons } from '../lib/db/persons';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * A staff member who needs to call a family member gets the full number; the family can later
 * see who did. The member and the viewer are read in one BatchGet; the audit event is written
 * before the number is returned.
 */
export const handler = routeHandler('families.revealMemberPhone', { path: FamilyMemberPath }, async ({ path, principal, now }) => {
  const persons = await getPersons([path.memberId, principal.personId]);
  const member = persons.find((p) => p.personId === path.memberId);
  const viewer = persons.find((p) => p.personId === principal.personId);
  if (!member || member.familyId !== path.familyId || member.role !== 'member') throw notFound('这户家庭没有这位成员');

  const phone = await decryptField(member.phoneEnc, `${member.personId}:phone`);
  await writeAuditEvent({
    familyId: path.familyId,
    at: toBeijingIso(now),
    viewerId: principal.personId,
    viewerName: viewer?.name ?? '工作人员',
    viewerRole: principal.role,
    organisation: viewer?.organisation ?? '',
    subjectId: member.personId,
    subjectName: member.name,
    field: 'phone',
    routeId: 'families.revealMemberPhone',
  }, now);
  const body: RevealedPhoneResponse = { personId: member.personId, name: member.name, phone };
  return { body };
});
