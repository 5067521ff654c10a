import { FamilyMemberPath, type RevealedPhoneResponse, toBeijingIso } from '../../domain';
import { decryptField } from '../lib/crypto/field-crypto';
import { writeAuditEvent } from '../lib/db/audit';
import { batchGetAll } from '../lib/db/batch';
import type { PersonItem, SigningItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * A staff member who needs to call a family member gets the full number; the family can later
 * see who did. The member, the viewer and (for a doctor) the member's signing are read in one
 * BatchGet: a doctor reaches only the members signed to them, not everyone in a family they serve.
 * The audit event is written before the number is returned.
 */
export const handler = routeHandler('families.revealMemberPhone', { path: FamilyMemberPath }, async ({ path, principal, now }) => {
  const wanted: Record<string, string>[] = [keys.person(path.memberId), keys.person(principal.personId)];
  if (principal.role === 'doctor') wanted.push(keys.familySigning(path.familyId, path.memberId));
  const items = await batchGetAll<PersonItem | SigningItem>(wanted);
  const persons = items.filter((i): i is PersonItem => i.entity === 'person');
  const member = persons.find((p) => p.personId === path.memberId);
  const viewer = persons.find((p) => p.personId === principal.personId);
  if (!member || member.familyId !== path.familyId || member.role !== 'member') throw notFound('这户家庭没有这位成员');
  if (principal.role === 'doctor') {
    const signing = items.find((i): i is SigningItem => i.entity === 'signing');
    if (signing?.doctorId !== principal.personId) throw notFound('这位成员没有与您签约');
  }
  // The viewer's own record names them in the family's access log; without it, refuse rather
  // than leave an anonymous entry.
  if (!viewer) throw notFound('没有找到您的工作人员信息，请联系管理员');

  const phone = await decryptField(member.phoneEnc, `${member.personId}:phone`);
  await writeAuditEvent(
    {
      familyId: path.familyId,
      at: toBeijingIso(now),
      viewerId: principal.personId,
      viewerName: viewer.name,
      viewerRole: principal.role,
      organisation: viewer.organisation ?? '',
      subjectId: member.personId,
      subjectName: member.name,
      field: 'phone',
      routeId: 'families.revealMemberPhone',
    },
    now,
  );
  const body: RevealedPhoneResponse = { personId: member.personId, name: member.name, phone };
  return { body };
});
