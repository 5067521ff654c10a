import { type ActingFamilyView, FamilyPath } from '../../domain';
import { actFor } from '../lib/http/acting';
import { routeHandler } from '../lib/http/route-handler';

/**
 * What a contact or doctor sees before acting for a family: its members and whether it has asked
 * that nobody acts for it (shown on the page rather than refused). One BatchGet.
 */
export const handler = routeHandler('acting.getFamily', { path: FamilyPath }, async ({ path, principal }) => {
  const acting = await actFor(principal, { familyId: path.familyId }, [], { evenIfRefused: true });
  const f = acting.family;
  const body: ActingFamilyView = {
    familyId: f.familyId,
    familyName: f.familyName,
    villageName: f.villageName,
    members: f.members.map((m) => ({ personId: m.personId, name: m.name, relation: m.relation })),
    refused: acting.refused,
  };
  return { body };
});
