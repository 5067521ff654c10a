import type { Principal } from '../../../domain';
import { getFamilyRegion, isFamilyContact } from '../db/families';

/**
 * Whether a family lies within the caller's reach. Runs before the handler reads anything about
 * the family, and reads at most one key-only item itself:
 * - a family member: their own family (from the token, no read);
 * - a contact person or doctor: families they are assigned to as a contact;
 * - commission staff: families in their county or township;
 * - hospital staff: none yet (booking adds patients booked or presenting a card there).
 */
export async function familyInScope(principal: Principal, familyId: string): Promise<boolean> {
  switch (principal.role) {
    case 'member':
      return principal.familyId === familyId;
    case 'contact':
    case 'doctor':
      return isFamilyContact(familyId, principal.personId);
    case 'commission': {
      if (!principal.regionId) return false;
      const region = await getFamilyRegion(familyId);
      if (!region) return false;
      return principal.level === 'county' ? region.countyId === principal.regionId : region.townshipId === principal.regionId;
    }
    default:
      return false;
  }
}
