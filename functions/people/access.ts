import type { Principal } from '../../domain';
import { countyOfTownship } from '../lib/db/dashboard';
import type { PersonItem } from '../lib/db/items';
import { getPerson } from '../lib/db/persons';
import { staffInReach } from '../lib/db/staff';
import { forbidden, notFound } from '../lib/http/errors';

/** The county an officer works in: their own, or their township's. */
export async function officerCounty(principal: Principal): Promise<string> {
  if (!principal.regionId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  const countyId = principal.level === 'township' ? await countyOfTownship(principal.regionId) : principal.regionId;
  if (!countyId) throw forbidden('您的账号没有配置管辖区域，请联系管理员');
  return countyId;
}

/** A staff member the officer may manage; others are answered as not found, so nothing about them leaks. */
export async function staffOfOfficer(principal: Principal, personId: string): Promise<PersonItem> {
  const person = await getPerson(personId);
  if (!person || !(await staffInReach(principal, person))) throw notFound('没有找到这位人员');
  return person;
}
