import type { problemsRoutes } from '../../functions/problems/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the problem ledger, spread into bad-input.test.ts (400/415, a Chinese message per
 * field, no DynamoDB request). Callers: the county officer p_comm01, village cadre p_cadre02.
 */
type ProblemsRouteId = (typeof problemsRoutes)[number]['id'];
export type ProblemsBadCase = BadCase<'p_comm01' | 'p_cadre02'>;

const PB = 'pb_0001765000000000abcdef012345';
export const problemBody = (change: Record<string, unknown> = {}) => ({
  townshipId: 't_liulin',
  area: 'contacts',
  description: '河湾村有 1 户家庭缺少村级联系人',
  responsibleUnit: '柳林乡人民政府',
  leaderName: '李卫东',
  responsiblePersonId: 'p_lead02',
  measures: '本月内明确村级联系人并入户见面',
  deadline: '2099-12-31',
  ...change,
});
const { townshipId: _t, ...updateFields } = problemBody();
const updateBody = (change: Record<string, unknown> = {}) => ({ ...updateFields, version: 1, ...change });

export function problemsBadInput(): Record<ProblemsRouteId, ProblemsBadCase[]> {
  const c = (label: string, rest: Partial<ProblemsBadCase>): ProblemsBadCase => ({ label, caller: 'p_comm01', path: '/commission/problems', ...rest });
  return {
    'problems.create': [
      c('malformed JSON', { rawBody: '{"area":', fields: f(['body']) }),
      c('text/plain', { rawBody: JSON.stringify(problemBody()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('area not one of the list', { body: problemBody({ area: 'money' }), fields: { 'body.area': '请选择问题类别' } }),
      c('description missing', { body: problemBody({ description: undefined }), fields: f(['body.description']) }),
      c('description only spaces', { body: problemBody({ description: '    ' }), fields: { 'body.description': '请填写存在的问题' } }),
      c('description oversize (501)', { body: problemBody({ description: '问'.repeat(501) }), fields: { 'body.description': '存在的问题不能超过 500 个字' } }),
      c('measures too short', { body: problemBody({ measures: '整改' }), fields: { 'body.measures': '请填写整改措施' } }),
      c('responsible unit empty', { body: problemBody({ responsibleUnit: '' }), fields: { 'body.responsibleUnit': '请填写责任单位' } }),
      c('leader oversize (31)', { body: problemBody({ leaderName: '李'.repeat(31) }), fields: { 'body.leaderName': '责任领导不能超过 30 个字' } }),
      c('responsible person not an id', { body: problemBody({ responsiblePersonId: '李卫东' }), fields: f(['body.responsiblePersonId']) }),
      c('deadline not a date', { body: problemBody({ deadline: '2026年12月31日' }), fields: { 'body.deadline': '日期格式应为 YYYY-MM-DD' } }),
      c('deadline already past', { body: problemBody({ deadline: '2020-01-01' }), fields: { 'body.deadline': '整改时限不能早于今天' } }),
      c('township with the county prefix', { body: problemBody({ townshipId: 'c_qinghe' }), fields: f(['body.townshipId']) }),
      c('gap with spaces', { body: problemBody({ gap: 'coverage village' }), fields: { 'body.gap': '问题来源格式不正确' } }),
      c('a family id of the wrong shape', { body: problemBody({ familyIds: ['f_0010', 'family-1'] }), fields: { 'body.familyIds.1': '家庭编号格式不正确' } }),
      c('too many families (51)', { body: problemBody({ familyIds: Array.from({ length: 51 }, (_, i) => `f_${String(i).padStart(4, '0')}`) }), fields: { 'body.familyIds': '一个问题最多关联 50 户家庭' } }),
      c('unknown field', { body: problemBody({ status: 'rectified' }), fields: { 'body.status': UNKNOWN } }),
    ],
    'problems.list': [
      c('unknown query parameter', { path: '/commission/problems?page=2', fields: { 'query.page': UNKNOWN } }),
      c('status not one of the list', { path: '/commission/problems?status=late', fields: { 'query.status': '请选择整改状态' } }),
      c('township not an id', { path: '/commission/problems?townshipId=%E6%9F%B3%E6%9E%97', fields: f(['query.townshipId']) }),
    ],
    'problems.update': [
      c('malformed JSON', { path: `/commission/problems/${PB}`, rawBody: '{"version":', fields: f(['body']) }),
      c('text/plain', { path: `/commission/problems/${PB}`, rawBody: JSON.stringify(updateBody()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', { path: `/commission/problems/${PB}`, body: updateBody({ status: 'rectified' }), fields: { 'body.status': UNKNOWN } }),
      c('problemId without the prefix', { path: '/commission/problems/0001765000000000', body: updateBody(), fields: { 'path.problemId': '问题编号格式不正确' } }),
      c('version missing', { path: `/commission/problems/${PB}`, body: updateBody({ version: undefined }), fields: f(['body.version']) }),
      c('version zero', { path: `/commission/problems/${PB}`, body: updateBody({ version: 0 }), fields: { 'body.version': '版本号不正确' } }),
      c('township cannot be changed', { path: `/commission/problems/${PB}`, body: updateBody({ townshipId: 't_liulin' }), fields: { 'body.townshipId': UNKNOWN } }),
      c('measures only spaces', { path: `/commission/problems/${PB}`, body: updateBody({ measures: '      ' }), fields: { 'body.measures': '请填写整改措施' } }),
    ],
    'problems.rectify': [
      { label: 'malformed JSON', caller: 'p_cadre02', path: `/problems/${PB}/rectify`, rawBody: '{"evidence":', fields: f(['body']) },
      { label: 'text/plain', caller: 'p_cadre02', path: `/problems/${PB}/rectify`, rawBody: JSON.stringify({ evidence: '已明确孙志刚为村级联系人并入户见面', version: 1 }), headers: { 'content-type': 'text/plain' }, status: 415 },
      { label: 'unknown field', caller: 'p_cadre02', path: `/problems/${PB}/rectify`, body: { evidence: '已明确孙志刚为村级联系人并入户见面', version: 1, status: 'rectified' }, fields: { 'body.status': UNKNOWN } },
      { label: 'evidence too short', caller: 'p_cadre02', path: `/problems/${PB}/rectify`, body: { evidence: '已整改', version: 1 }, fields: { 'body.evidence': '请填写整改情况' } },
      { label: 'evidence oversize (501)', caller: 'p_cadre02', path: `/problems/${PB}/rectify`, body: { evidence: '改'.repeat(501), version: 1 }, fields: { 'body.evidence': '整改情况不能超过 500 个字' } },
      { label: 'version of the wrong type', caller: 'p_cadre02', path: `/problems/${PB}/rectify`, body: { evidence: '已明确孙志刚为村级联系人并入户见面', version: '1' }, fields: f(['body.version']) },
      { label: 'problemId with punctuation', caller: 'p_cadre02', path: "/problems/pb_abc'or'1=1/rectify", body: { evidence: '已明确孙志刚为村级联系人并入户见面', version: 1 }, fields: { 'path.problemId': '问题编号格式不正确' } },
    ],
    'problems.listMine': [{ label: 'unknown query parameter', caller: 'p_cadre02', path: '/problems/mine?all=1', fields: { 'query.all': UNKNOWN } }],
  };
}
