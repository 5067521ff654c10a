import { type CountySupportResponse, defaultCountySupport } from '../../domain';
import { type CountySupportItem, storedVersion } from '../lib/db/county-support';

/** The commission's view: the county's saved list, or the draft marked as not confirmed. */
export function countySupportView(countyId: string, item: CountySupportItem | undefined, canManage: boolean): CountySupportResponse {
  if (!item) return { countyId, confirmed: false, version: 0, extras: defaultCountySupport.extras, canManage };
  return { countyId, confirmed: true, version: storedVersion(item), extras: item.extras, updatedAt: item.updatedAt, ...(item.updatedByName ? { updatedByName: item.updatedByName } : {}), canManage };
}
