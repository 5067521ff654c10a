import type { Principal } from '../../domain';
import { findTownship } from '../lib/db/articles';
import { batchGetAll } from '../lib/db/batch';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { getPerson } from '../lib/db/persons';
import { badRequest, forbidden } from '../lib/http/errors';

/**
 * Where a commission officer may raise and manage problems: a county officer in every township of
 * the county, a township officer in their own. The county of a township comes from its families
 * (one key-bounded Query, Limit 1), as elsewhere: townships are known by their registered families.
 */
export async function townshipInScope(principal: Principal, townshipId: string): Promise<{ countyId: string; townshipName: string }> {
  if (!principal.regionId) throw forbidden('您的账号没有设置管辖区域，请联系管理员');
  if (principal.level !== 'county' && townshipId !== principal.regionId) throw forbidden('您只能管理本乡镇的问题');
  const township = await findTownship(townshipId, principal.level === 'county' ? principal.regionId : undefined);
  if (!township) throw badRequest('所属乡镇填写不正确', { 'body.townshipId': '这个乡镇不在您的辖区，或还没有登记特殊家庭' });
  return { countyId: township.countyId, townshipName: township.townshipName };
}

/** The county whose problems the officer sees, and the township they are limited to, if any. */
export async function regionOf(principal: Principal): Promise<{ countyId: string; townshipId?: string }> {
  if (!principal.regionId) throw forbidden('您的账号没有设置管辖区域，请联系管理员');
  if (principal.level === 'county') return { countyId: principal.regionId };
  const township = await findTownship(principal.regionId);
  if (!township) return { countyId: '', townshipId: principal.regionId };
  return { countyId: township.countyId, townshipId: principal.regionId };
}

/** Whether the officer is over this problem's township. */
export function overseesProblem(principal: Principal, p: { countyId: string; townshipId: string }): boolean {
  if (principal.role !== 'commission') return false;
  return principal.level === 'county' ? principal.regionId === p.countyId : principal.regionId === p.townshipId;
}

/**
 * The responsible person must be someone who can open the app and act in that township: one of its
 * contact persons, or a commission officer of the township or its county.
 */
export async function responsiblePerson(personId: string, where: { countyId: string; townshipId: string }): Promise<{ name: string }> {
  const person = await getPerson(personId);
  const fits =
    person &&
    ((person.role === 'contact' && person.regionId === where.townshipId) || (person.role === 'commission' && (person.regionId === where.townshipId || person.regionId === where.countyId)));
  if (!person || !fits) throw badRequest('责任人填写不正确', { 'body.responsiblePersonId': '请从本乡镇的联系人或卫健工作人员中选择责任人' });
  return { name: person.name };
}

/** The families behind a gap, each of this township: their names are kept with the problem. */
export async function familiesOf(familyIds: readonly string[] | undefined, townshipId: string): Promise<Array<{ familyId: string; familyName: string }>> {
  const ids = [...new Set(familyIds ?? [])];
  if (!ids.length) return [];
  const found = await batchGetAll<FamilyProfileItem>(ids.map((id) => keys.familyProfile(id)));
  const byId = new Map(found.map((f) => [f.familyId, f]));
  const wrong = ids.findIndex((id) => byId.get(id)?.townshipId !== townshipId);
  if (wrong >= 0) throw badRequest('关联的家庭填写不正确', { [`body.familyIds.${(familyIds ?? []).indexOf(ids[wrong])}`]: '这户家庭不在所选乡镇' });
  return ids.map((id) => ({ familyId: id, familyName: byId.get(id)!.familyName }));
}
