import type { InstitutionRequest, Principal } from '../../domain';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { countyOfTownship, countyTownshipStats } from '../lib/db/dashboard';
import { badRequest, forbidden, notFound } from '../lib/http/errors';

/**
 * Who manages which institutions: a county officer their county's; a township officer only reads
 * the ones serving their township. The county's townships are those the dashboard counts (an
 * institution may serve only those).
 */
export interface CommissionReach {
  countyId: string;
  /** Set for a township officer: they read, and only what serves their township. */
  townshipId?: string;
}

export async function reachOf(principal: Principal): Promise<CommissionReach> {
  if (!principal.regionId) throw forbidden('您的账号没有管辖区域');
  if (principal.level === 'county') return { countyId: principal.regionId };
  const countyId = await countyOfTownship(principal.regionId);
  if (!countyId) throw forbidden('本乡镇还没有建立档案');
  return { countyId, townshipId: principal.regionId };
}

/** Only county officers add, edit or retire institutions. */
export async function managingCounty(principal: Principal): Promise<string> {
  if (principal.level !== 'county' || !principal.regionId) throw forbidden('定点机构由县卫健委管理，乡镇只能查看');
  return principal.regionId;
}

export async function countyTownships(countyId: string): Promise<Array<{ townshipId: string; name: string }>> {
  const stats = await countyTownshipStats(countyId);
  return stats.map((t) => ({ townshipId: t.townshipId, name: t.townshipName })).sort((a, b) => a.townshipId.localeCompare(b.townshipId));
}

/** Every township served must be one of the county's: a per-field message for each that is not. */
export async function checkServedTownships(countyId: string, body: Pick<InstitutionRequest, 'servesTownships'>): Promise<void> {
  if (body.servesTownships.length === 0) return;
  const known = new Set((await countyTownships(countyId)).map((t) => t.townshipId));
  const fields: Record<string, string> = {};
  body.servesTownships.forEach((t, i) => {
    if (!known.has(t)) fields[`body.servesTownships.${i}`] = '不是本县的乡镇';
  });
  if (Object.keys(fields).length) throw badRequest('服务的乡镇须是本县的乡镇', fields);
}

/** The institution, if it is the county's. */
export function ownInstitution(item: InstitutionItem | undefined, countyId: string): InstitutionItem {
  if (!item || item.countyId !== countyId) throw notFound('没有找到这个机构');
  return item;
}
