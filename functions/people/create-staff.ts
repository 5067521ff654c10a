import { CreateStaffRequest, beijingDate, idNumberProblem, normaliseIdNumber, staffPosts } from '../../domain';
import { countyTownshipStats } from '../lib/db/dashboard';
import { createStaff, postInReach, staffView } from '../lib/db/staff';
import { badRequest, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { officerCounty } from './access';

/**
 * Adds a staff member of any post by form, through the same code path as the staff import and
 * the seed (functions/lib/db/staff.ts). They then bind their WeChat as members do.
 */
export const handler = routeHandler('people.createStaff', { body: CreateStaffRequest }, async ({ body, principal, now, idempotency }) => {
  const countyId = await officerCounty(principal);
  const info = staffPosts[body.post];
  const idNumber = normaliseIdNumber(body.idNumber);
  const idProblem = idNumberProblem(idNumber, beijingDate(now));
  if (idProblem) throw badRequest(idProblem, { 'body.idNumber': idProblem });
  if (info.region === 'township') {
    if (!body.townshipId) throw badRequest('请选择所在乡镇', { 'body.townshipId': '请选择所在乡镇' });
    const townships = await countyTownshipStats(countyId);
    if (!townships.some((t) => t.townshipId === body.townshipId)) throw badRequest('这个乡镇不在本县', { 'body.townshipId': '不在本县' });
  } else if (body.townshipId) throw badRequest('这个岗位不属于某个乡镇，请不要选择乡镇', { 'body.townshipId': '这个岗位不选乡镇' });
  if (body.teamRoles?.length && info.role !== 'doctor') throw badRequest('只有医生有团队角色', { 'body.teamRoles': '只有医生有团队角色' });
  if (!postInReach(principal, body.post, body.townshipId)) throw forbidden('乡镇只能添加本乡镇的联系人和帮扶人员');
  const person = await createStaff({ ...body, idNumber, countyId }, (p) => idempotency.marker(staffView(p), 201));
  return { status: 201, body: staffView(person) };
});
