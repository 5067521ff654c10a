import { designatedFor, type GreenChannel } from '../../../domain/designated-institution';
import { listInstitutions } from './booking/sessions';
import { getFamilyRegion } from './families';

/**
 * The green channel a family is pointed to in an emergency: the designated institution of its
 * township, as the county commission set it (two reads: the family's region, the county's
 * institutions). Undefined when the commission has not named one: the app then shows 120 only.
 */
export async function familyGreenChannel(familyId: string): Promise<GreenChannel | undefined> {
  const region = await getFamilyRegion(familyId);
  return region ? greenChannelOf(region) : undefined;
}

/** The same, for a family whose region is already read. */
export async function greenChannelOf(region: { countyId: string; townshipId: string }): Promise<GreenChannel | undefined> {
  const chosen = designatedFor(await listInstitutions(region.countyId), region.townshipId);
  return chosen ? { institutionId: chosen.institutionId, name: chosen.name, greenChannelPhone: chosen.greenChannelPhone } : undefined;
}
