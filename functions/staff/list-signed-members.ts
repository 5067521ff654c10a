import { ageOn, beijingDate, FamilyListQuery, type SignedMemberListResponse } from '../../domain';
import { auditListRead } from '../lib/db/audit';
import { listSignedMembers } from '../lib/db/families';
import { getPersons } from '../lib/db/persons';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The members signed to the calling doctor. Chronic conditions are health data: they are shown
 * only for members who agreed to share health data (the separate consent, read fresh from each
 * member's record so a withdrawal takes effect at once).
 */
export const handler = routeHandler('staff.listSignedMembers', { query: FamilyListQuery }, async ({ query, principal, now }) => {
  const page = await listSignedMembers(principal.personId, { cursor: query.cursor, limit: query.limit ?? 30 });
  const members = await getPersons(page.items.map((s) => s.memberId));
  const sharesHealthData = new Set(members.filter((m) => m.consent?.healthData === true).map((m) => m.personId));
  const today = beijingDate(now);
  const items = page.items.map((s) => {
    const healthDataShared = sharesHealthData.has(s.memberId);
    return {
      personId: s.memberId,
      name: s.member.name,
      gender: s.member.gender,
      age: ageOn(s.member.birthDate, today),
      familyId: s.familyId,
      villageName: s.member.villageName,
      conditions: healthDataShared ? s.member.conditions : [],
      healthDataShared,
      signedOn: s.signedOn,
      phoneMasked: s.member.phoneMasked,
    };
  });
  // Conditions shown are health data: audited once a day per member (list-read rule, lib/db/audit.ts).
  const shown = page.items.filter((s) => sharesHealthData.has(s.memberId));
  await auditListRead(principal, shown.map((s) => ({ familyId: s.familyId, subjectId: s.memberId, subjectName: s.member.name, field: 'health' as const })), 'staff.listSignedMembers', now);
  const body: SignedMemberListResponse = { items, nextCursor: page.nextCursor };
  return { body };
});
