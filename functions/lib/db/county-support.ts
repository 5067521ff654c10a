import type { CountyExtra } from '../../../domain';

/**
 * The county's 帮扶 settings: what it provides beyond the national three (`COUNTY#<countyId>` /
 * `SUPPORT`). Written by the seed (and an import or a commission page when there is one); a county
 * without the item gets `defaultCountySupport` (domain/entitlements.ts).
 */
export interface CountySupportItem {
  pk: string;
  sk: 'SUPPORT';
  entity: 'countySupport';
  countyId: string;
  extras: CountyExtra[];
  updatedAt: string;
}
