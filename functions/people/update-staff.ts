import { StaffPath, UpdateStaffRequest, staffPosts, postOf } from '../../domain';
import { copyToContacts, staffStatusOf, staffView, updateStaff } from '../lib/db/staff';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { staffOfOfficer } from './access';

/**
 * Edits a staff member's details. The version the editor read is a condition of the write: of two
 * editors at once, the second is refused (409) and sees the first one's change after a refresh.
 */
export const handler = routeHandler('people.updateStaff', { path: StaffPath, body: UpdateStaffRequest }, async ({ path, body, principal, now }) => {
  const person = await staffOfOfficer(principal, path.personId);
  if (staffStatusOf(person) === 'inactive') throw conflict('这位人员已停用，不能再修改');
  if (body.teamRoles?.length && staffPosts[postOf(person)!].role !== 'doctor') throw badRequest('只有医生有团队角色', { 'body.teamRoles': '只有医生有团队角色' });
  const { version, ...changes } = body;
  const next = await updateStaff(person, version, changes, now);
  // Families see the new name, title and phone on their contact cards.
  if (next.name !== person.name || next.title !== person.title || next.organisation !== person.organisation || next.workPhone !== person.workPhone) await copyToContacts(next);
  return { body: staffView(next) };
});
