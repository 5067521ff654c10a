import {
  addMonths,
  beijingDate,
  CHANGE_LIST_BAD_DATE,
  CHANGE_LIST_FROM_FUTURE,
  CHANGE_LIST_MAX_MONTHS,
  CHANGE_LIST_ORDER,
  CHANGE_LIST_TO_FUTURE,
  CHANGE_LIST_TOO_OLD,
  ChangeListQuery,
  isRealDate,
  type ChangeListResponse,
  type Principal,
} from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { readChangeList } from '../lib/db/change-list';
import { countyOfTownship, countyTownshipStats } from '../lib/db/dashboard';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { getPersons } from '../lib/db/persons';
import { buildXlsx } from '../lib/export/xlsx';
import { badRequest, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { changeListWorkbook } from './rows';

/** The dates asked for, checked: real days, not in the future, in order, at most 12 months back. */
function period(query: ChangeListQuery, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const fields: Record<string, string> = {};
  if (!isRealDate(query.from)) fields['query.from'] = CHANGE_LIST_BAD_DATE;
  else if (query.from > today) fields['query.from'] = CHANGE_LIST_FROM_FUTURE;
  else if (query.from < addMonths(today, -CHANGE_LIST_MAX_MONTHS)) fields['query.from'] = CHANGE_LIST_TOO_OLD;
  if (!isRealDate(to)) fields['query.to'] = CHANGE_LIST_BAD_DATE;
  else if (to > today) fields['query.to'] = CHANGE_LIST_TO_FUTURE;
  else if (!fields['query.from'] && query.from > to) fields['query.to'] = CHANGE_LIST_ORDER;
  const first = Object.values(fields)[0];
  if (first) throw badRequest(first, fields);
  return { from: query.from, to };
}

/** The caller's townships (all of a county's, or the one asked for; a township officer's own) and their names. */
async function townshipsOf(principal: Principal, townshipId: string | undefined): Promise<Map<string, string>> {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  if (principal.level !== 'county' && townshipId && townshipId !== principal.regionId) throw forbidden('这个乡镇不在您的管辖范围内');
  const countyId = principal.level === 'county' ? principal.regionId : await countyOfTownship(principal.regionId);
  const all = countyId ? await countyTownshipStats(countyId) : [];
  const wanted = principal.level === 'county' ? townshipId : principal.regionId;
  const chosen = wanted ? all.filter((t) => t.townshipId === wanted) : all;
  if (principal.level === 'county' && townshipId && !chosen.length) throw forbidden('这个乡镇不在您的管辖范围内');
  // A township with no families yet has no figures item: its officer still gets an (empty) list.
  if (principal.level !== 'county' && !chosen.length) return new Map([[principal.regionId, '']]);
  return new Map(chosen.map((t) => [t.townshipId, t.townshipName]));
}

/**
 * The change list (变更清单) for the provincial 特扶 / 扶助信息系统: every indexed change of the
 * caller's townships between two dates, as .xlsx with four sheets of the same columns
 * (docs/change-list.md is the column contract). Reads: the county's township figures (one Query;
 * a township officer's county first, one more), per township and month one Query of the change
 * index and one of the hand-over index, one BatchGet per 100 families named and one for the staff
 * who handed contacts over. ID numbers and phones are not in the file (docs/change-list.md).
 */
export const handler = routeHandler('changes.exportChanges', { query: ChangeListQuery }, async ({ query, principal, now }) => {
  const { from, to } = period(query, beijingDate(now));
  const townshipNames = await townshipsOf(principal, query.townshipId);
  const items = await readChangeList([...townshipNames.keys()], from, to);
  const familyIds = [...new Set(items.map((i) => i.item.familyId))];
  const staffIds = [...new Set(items.flatMap((i) => (i.item.entity === 'handover' ? [i.item.byStaffId] : [])))];
  const [profiles, staff] = await Promise.all([batchGetAll<FamilyProfileItem>(familyIds.map((id) => keys.familyProfile(id))), staffIds.length ? getPersons(staffIds) : []]);
  const { sheets, rows } = changeListWorkbook(items, {
    profiles: new Map(profiles.map((p) => [p.familyId, p])),
    townshipNames,
    staffNames: new Map(staff.map((s) => [s.personId, s.name])),
  });
  const xlsx = await buildXlsx(sheets);
  const body: ChangeListResponse = {
    filename: `连心变更清单-${from}至${to}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: xlsx.toString('base64'),
    rows,
  };
  return { body };
});
