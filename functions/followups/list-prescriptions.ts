import { FamilyMemberPath, type PickupPlace, type PrescriptionListResponse } from '../../domain';
import { listInstitutions } from '../lib/db/booking/sessions';
import { itemAt, prescriptionsOf } from '../lib/db/followups';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { auditHealthRead, memberWithAccess, prescriptionView } from './access';

/**
 * A member's long prescriptions with every refill request and its status, newest first, and the
 * places of the family's county where a refill may be picked up (its active institutions, hospitals
 * first): read (one Query) only when some prescription can be refilled now, so the page asks once.
 */
export const handler = routeHandler('prescriptions.list', { path: FamilyMemberPath }, async ({ path, principal, now }) => {
  const familyKey = keys.familyProfile(path.familyId);
  const ctx = await memberWithAccess(principal, path, [familyKey]);
  const { prescriptions, refills } = await prescriptionsOf(path.memberId);
  await auditHealthRead(ctx, principal, 'prescriptions.list', now);
  const items = prescriptions.map((rx) => prescriptionView(rx, refills, now));
  const countyId = itemAt<FamilyProfileItem>(ctx.extra, familyKey)?.countyId;
  const places = countyId && items.some((rx) => rx.refill.canRequest) ? await listInstitutions(countyId) : [];
  const order = (i: { kind: string; name: string }) => `${i.kind === 'hospital' ? 0 : 1}${i.name}`;
  const pickupPlaces: PickupPlace[] = places.sort((a, b) => order(a).localeCompare(order(b))).map((i) => ({ institutionId: i.institutionId, name: i.name }));
  const body: PrescriptionListResponse = { items, pickupPlaces };
  return { body };
});
