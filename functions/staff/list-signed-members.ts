import { ageOn, beijingDate, FamilyListQuery, type SignedMemberListResponse } from '../../domain';
import { listSignedMembers } from '../lib/db/families';
import { routeHandler } from '../lib/http/route-handler';

export const handler = routeHandler('staff.listSignedMembers', { query: FamilyListQuery }, async ({ query, principal, now }) => {
  const page = await listSignedMembers(principal.personId, { cursor: query.cursor, limit: query.limit ?? 30 });
  const today = beijingDate(now);
  const body: SignedMemberListResponse = {
    items: page.items.map((s) => ({
      personId: s.memberId,
      name: s.member.name,
      gender: s.member.gender,
      age: ageOn(s.member.birthDate, today),
      familyId: s.familyId,
      villageName: s.member.villageName,
      conditions: s.member.conditions,
      signedOn: s.signedOn,
      phoneMasked: s.member.phoneMasked,
    })),
    nextCursor: page.nextCursor,
  };
  return { body };
});
