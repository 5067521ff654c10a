import type { peopleRoutes } from '../../functions/people/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the staff-management routes, spread into bad-input.test.ts (400/415, a Chinese
 * message per field, no DynamoDB request). Caller: the county officer p_comm01. Checks that need
 * the table (a township outside the county, an ID number's checksum) are in people.test.ts.
 */
type PeopleRouteId = (typeof peopleRoutes)[number]['id'];

const staff = (change: Record<string, unknown> = {}) => ({ post: 'village_cadre', name: '王建华', idNumber: '130123197801010016', phone: '13900000001', townshipId: 't_liulin', organisation: '柳林村村委会', title: '村计生专干', workPhone: '0311-86900001', ...change });
const edit = (change: Record<string, unknown> = {}) => ({ version: 1, name: '王建华', organisation: '柳林村村委会', title: '村计生专干', workPhone: '0311-86900001', ...change });
const assignment = (change: Record<string, unknown> = {}) => ({ familyId: 'f_0005', kind: 'village_cadre', toStaffId: 'p_cadre02', ...change });
const activity = (change: Record<string, unknown> = {}) => ({ title: '重阳节陪伴', date: '2026-10-29', helperIds: ['p_vol01'], familyIds: ['f_0005'], ...change });

export function peopleBadInput(): Record<PeopleRouteId, BadCase<'p_comm01'>[]> {
  const caller = 'p_comm01' as const;
  const c = (label: string, path: string, rest: Partial<BadCase<'p_comm01'>>): BadCase<'p_comm01'> => ({ label, caller, path, ...rest });
  const one = '/commission/staff/p_cadre02';
  return {
    'people.listStaff': [
      c('post not one of the posts', '/commission/staff?post=mayor', { fields: f(['query.post']) }),
      c('townshipId with the county prefix', '/commission/staff?townshipId=c_qinghe', { fields: f(['query.townshipId']) }),
      c('unknown query parameter', '/commission/staff?limit=5', { fields: { 'query.limit': UNKNOWN } }),
    ],
    'people.createStaff': [
      c('malformed JSON', '/commission/staff', { rawBody: '{"post":', fields: f(['body']) }),
      c('text/plain', '/commission/staff', { rawBody: JSON.stringify(staff()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('post not one of the posts', '/commission/staff', { body: staff({ post: 'mayor' }), fields: f(['body.post']) }),
      c('name missing', '/commission/staff', { body: staff({ name: undefined }), fields: f(['body.name']) }),
      c('name with digits', '/commission/staff', { body: staff({ name: '王2' }), fields: { 'body.name': '姓名只能包含汉字' } }),
      c('ID number of 17 digits', '/commission/staff', { body: staff({ idNumber: '13012319780101001' }), fields: { 'body.idNumber': '身份证号应为 18 位（前 17 位是数字，最后一位是数字或 X）' } }),
      c('phone of 10 digits', '/commission/staff', { body: staff({ phone: '1390000000' }), fields: { 'body.phone': '请填写 11 位手机号码' } }),
      c('work phone not a phone', '/commission/staff', { body: staff({ workPhone: 'call me' }), fields: { 'body.workPhone': '电话号码格式不正确' } }),
      c('organisation only spaces', '/commission/staff', { body: staff({ organisation: '  ' }), fields: { 'body.organisation': '请填写单位' } }),
      c('title oversize (21)', '/commission/staff', { body: staff({ title: '职'.repeat(21) }), fields: { 'body.title': '职务不能超过 20 个字' } }),
      c('team role not one of the roles', '/commission/staff', { body: staff({ post: 'doctor', townshipId: undefined, teamRoles: ['surgeon'] }), fields: f(['body.teamRoles.0']) }),
      c('orgId without the prefix', '/commission/staff', { body: staff({ orgId: 'xyy' }), fields: { 'body.orgId': '单位编号格式不正确' } }),
      c('unknown field', '/commission/staff', { body: staff({ role: 'commission' }), fields: { 'body.role': UNKNOWN } }),
    ],
    'people.getStaff': [c('personId without the prefix', '/commission/staff/cadre02', { fields: f(['path.personId']) })],
    'people.updateStaff': [
      c('malformed JSON', one, { rawBody: '{"version":', fields: f(['body']) }),
      c('version missing', one, { body: edit({ version: undefined }), fields: f(['body.version']) }),
      c('version negative', one, { body: edit({ version: -1 }), fields: { 'body.version': '版本号不正确' } }),
      c('version not a whole number', one, { body: edit({ version: 1.5 }), fields: f(['body.version']) }),
      c('text/plain', one, { rawBody: JSON.stringify(edit()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', one, { body: edit({ post: 'doctor' }), fields: { 'body.post': UNKNOWN } }),
      c('phone of 12 digits', one, { body: edit({ phone: '139000000012' }), fields: { 'body.phone': '请填写 11 位手机号码' } }),
      c('personId malformed', '/commission/staff/p_x;y', { body: edit(), fields: f(['path.personId']) }),
    ],
    'people.deactivateStaff': [
      c('malformed JSON', `${one}/deactivation`, { rawBody: '{"version":', fields: f(['body']) }),
      c('text/plain', `${one}/deactivation`, { rawBody: '{"version":1}', headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('version missing', `${one}/deactivation`, { body: {}, fields: f(['body.version']) }),
      c('successorId not a person id', `${one}/deactivation`, { body: { version: 1, successorId: 'cadre01' }, fields: f(['body.successorId']) }),
      c('reason oversize (201)', `${one}/deactivation`, { body: { version: 1, reason: '因'.repeat(201) }, fields: { 'body.reason': '停用原因不能超过 200 字' } }),
      c('unknown field', `${one}/deactivation`, { body: { version: 1, force: true }, fields: { 'body.force': UNKNOWN } }),
    ],
    'people.bulkAssign': [
      c('malformed JSON', '/commission/townships/t_chengguan/assignments', { rawBody: '{"assignments":', fields: f(['body']) }),
      c('text/plain', '/commission/townships/t_chengguan/assignments', { rawBody: JSON.stringify({ assignments: [assignment()] }), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', '/commission/townships/t_chengguan/assignments', { body: { assignments: [assignment({ at: 'now' })] }, fields: { 'body.assignments.0.at': UNKNOWN } }),
      c('no assignments', '/commission/townships/t_chengguan/assignments', { body: { assignments: [] }, fields: { 'body.assignments': '请至少选择一户家庭' } }),
      c('301 assignments', '/commission/townships/t_chengguan/assignments', { body: { assignments: Array.from({ length: 301 }, () => assignment()) }, fields: { 'body.assignments': '一次最多安排 300 户' } }),
      c('kind not a place', '/commission/townships/t_chengguan/assignments', { body: { assignments: [assignment({ kind: 'mayor' })] }, fields: f(['body.assignments.0.kind']) }),
      c('familyId not an id', '/commission/townships/t_chengguan/assignments', { body: { assignments: [assignment({ familyId: 'f_x' })] }, fields: f(['body.assignments.0.familyId']) }),
      c('townshipId with the county prefix', '/commission/townships/c_qinghe/assignments', { body: { assignments: [assignment()] }, fields: f(['path.townshipId']) }),
    ],
    'people.createActivity': [
      c('malformed JSON', '/commission/activities', { rawBody: '{"title":', fields: f(['body']) }),
      c('text/plain', '/commission/activities', { rawBody: JSON.stringify(activity()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', '/commission/activities', { body: activity({ place: '村委会' }), fields: { 'body.place': UNKNOWN } }),
      c('title missing', '/commission/activities', { body: activity({ title: undefined }), fields: f(['body.title']) }),
      c('date in another format', '/commission/activities', { body: activity({ date: '2026/10/29' }), fields: { 'body.date': '日期格式应为 YYYY-MM-DD' } }),
      c('no helpers', '/commission/activities', { body: activity({ helperIds: [] }), fields: { 'body.helperIds': '请至少选择一位帮扶人员' } }),
      c('no families', '/commission/activities', { body: activity({ familyIds: [] }), fields: { 'body.familyIds': '请至少选择一户家庭' } }),
      c('51 families', '/commission/activities', { body: activity({ familyIds: Array.from({ length: 51 }, () => 'f_0005') }), fields: { 'body.familyIds': '一次活动最多 50 户家庭' } }),
    ],
    'people.listActivities': [c('month in another format', '/commission/activities?month=2026-1', { fields: { 'query.month': '月份格式应为 YYYY-MM' } })],
  };
}
