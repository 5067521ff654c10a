import type { InstitutionRequest } from '../../domain';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { createInstitutionPart, institutionCountyPart, institutionItemOf, newInstitutionId } from '../lib/db/institutions';
import { transact, TransactionRefused, type Part } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { checkServedTownships } from './access';

/**
 * Adding an institution to a county: the route and the demo seed both come through here, so the
 * seeded county is one the product could have built. `institutionId` is given only by the seed
 * (the demo's fixed ids); `alongside` adds parts to the same transaction (the Idempotency-Key's
 * marker, made from the item so a retry gets the same answer).
 */
export async function addInstitution(
  countyId: string,
  body: InstitutionRequest,
  now: Date,
  options: { institutionId?: string; alongside?: (item: InstitutionItem) => Part[] } = {},
): Promise<InstitutionItem> {
  await checkServedTownships(countyId, body);
  const item = institutionItemOf(countyId, options.institutionId ?? newInstitutionId(), body, 1, now);
  try {
    await transact([createInstitutionPart(item), institutionCountyPart(countyId), ...(options.alongside?.(item) ?? [])]);
  } catch (err) {
    if (err instanceof TransactionRefused && err.has('institution')) throw conflict('这个机构已经存在');
    throw err;
  }
  return item;
}
