import { countySupportMessages, type CountySupportPutRequest, type CountySupportResponse, defaultCountySupport, type Principal } from '../../domain';
import { getCountySupport, measuresOf, saveCountySupportParts, storedVersion } from '../lib/db/county-support';
import { getPerson } from '../lib/db/persons';
import { transact, TransactionRefused, type Part } from '../lib/db/transact';
import { badRequest, conflict, forbidden } from '../lib/http/errors';
import { countySupportView } from './view';

/**
 * A county officer saves the county's whole list at the version read: the first save confirms it
 * (families see it from then on), later ones edit it. The route and the demo seed both come
 * through here. Of two editors at once the later is refused (409) and told to reload; the change
 * record rides in the same transaction, and so do the parts `alongside` adds (the route's
 * Idempotency-Key marker, made from the answer, so a retried save answers the first one).
 */
export async function saveCountySupport(
  principal: Principal,
  body: CountySupportPutRequest,
  now: Date,
  options: { alongside?: (response: CountySupportResponse) => Part[] } = {},
): Promise<CountySupportResponse> {
  if (principal.level !== 'county' || !principal.regionId) throw forbidden(countySupportMessages.townshipReadOnly);
  const countyId = principal.regionId;
  const [old, person] = await Promise.all([getCountySupport(countyId), getPerson(principal.personId)]);
  if (body.version !== storedVersion(old)) throw conflict(countySupportMessages.stale);
  // Ids name measures of the list the editor read (the draft's, before the first save).
  const known = new Set((old ? old.extras : defaultCountySupport.extras).map((e) => e.id));
  const unknown = body.extras.flatMap((e, i) => (e.id && !known.has(e.id) ? [[`body.extras.${i}.id`, countySupportMessages.unknownMeasure] as const] : []));
  if (unknown.length) throw badRequest('有的措施不在清单里', Object.fromEntries(unknown));
  const save = { countyId, extras: measuresOf(body.extras), fromVersion: body.version, by: { personId: principal.personId, name: person?.name ?? '' } };
  const { item, parts } = saveCountySupportParts(save, old, now);
  const response = countySupportView(countyId, item, true);
  try {
    await transact([...parts, ...(options.alongside?.(response) ?? [])]);
  } catch (err) {
    if (err instanceof TransactionRefused) throw conflict(countySupportMessages.stale);
    throw err;
  }
  return response;
}
