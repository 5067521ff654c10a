import type { requestsRoutes } from '../../functions/requests/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the requests (诉求) and survey routes, spread into bad-input.test.ts (which runs
 * them: 400/415, a Chinese message per field, nothing written). Callers: member p_m0008 (f_0005),
 * its contact p_cadre02, the county officer p_comm01; none of them is written by another suite.
 */
type RequestsRouteId = (typeof requestsRoutes)[number]['id'];
export type RequestsBadCase = BadCase<'p_m0008' | 'p_cadre02' | 'p_comm01'>;

const touch = { familyId: 'f_0005' };
const base = '/families/f_0005/requests';
const one = `${base}/rq_0123456789abcdef`;

export function requestsBadInput(): Record<RequestsRouteId, RequestsBadCase[]> {
  const raise = (change: Record<string, unknown> = {}) => ({ category: 'medical', text: '想请人陪同去医院', ...change });
  const update = (change: Record<string, unknown> = {}) => ({ status: 'in_progress', version: 1, ...change });
  const survey = (change: Record<string, unknown> = {}) => ({ awareness: 'know_all', satisfaction: 'satisfied', ...change });
  const m = (label: string, path: string, rest: Partial<RequestsBadCase>): RequestsBadCase => ({ label, caller: 'p_m0008', path, touch, ...rest });
  const c = (label: string, path: string, rest: Partial<RequestsBadCase>): RequestsBadCase => ({ label, caller: 'p_cadre02', path, touch, ...rest });
  return {
    'requests.create': [
      m('malformed JSON', base, { rawBody: '{"category":', fields: f(['body']) }),
      m('text/plain', base, { rawBody: JSON.stringify(raise()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      m('unknown field', base, { body: raise({ assignee: 'p_cadre01' }), fields: { 'body.assignee': UNKNOWN } }),
      m('category not one of the six', base, { body: raise({ category: 'money' }), fields: f(['body.category']) }),
      m('text only spaces', base, { body: raise({ text: '   ' }), fields: { 'body.text': '请填写诉求内容' } }),
      m('text oversize (501)', base, { body: raise({ text: '要'.repeat(501) }), fields: { 'body.text': '诉求内容不能超过 500 字' } }),
      m('due date in another format', base, { body: raise({ dueDate: '2026/12/01' }), fields: { 'body.dueDate': '日期格式应为 YYYY-MM-DD' } }),
      c('familyId not an id', '/families/nope/requests', { body: raise(), fields: f(['path.familyId']), touch: {} }),
    ],
    'requests.listFamily': [
      m('unknown query parameter', `${base}?status=open`, { fields: { 'query.status': UNKNOWN } }),
      m('familyId not an id', '/families/f_x/requests', { fields: f(['path.familyId']), touch: {} }),
    ],
    'requests.update': [
      c('malformed JSON', one, { rawBody: '{"status":', fields: f(['body']) }),
      c('text/plain', one, { rawBody: JSON.stringify(update()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('back to open', one, { body: update({ status: 'open' }), fields: f(['body.status']) }),
      c('version missing', one, { body: update({ version: undefined }), fields: f(['body.version']) }),
      c('version not a whole number', one, { body: update({ version: 1.5 }), fields: f(['body.version']) }),
      c('unknown field', one, { body: update({ assignee: 'p_cadre01' }), fields: { 'body.assignee': UNKNOWN } }),
      c('department of one character', one, { body: update({ status: 'referred', department: '局' }), fields: { 'body.department': '请填写转交部门' } }),
      c('requestId not one of ours', `${base}/abc`, { body: update(), fields: { 'path.requestId': '诉求编号格式不正确' } }),
    ],
    'requests.listStaff': [
      c('view not known', '/contact/requests?view=all', { fields: f(['query.view']), touch: {} }),
      c('unknown query parameter', '/contact/requests?limit=5', { fields: { 'query.limit': UNKNOWN }, touch: {} }),
    ],
    'requests.listCommission': [
      { label: 'townshipId with the county prefix', caller: 'p_comm01', path: '/commission/requests?townshipId=c_qinghe', fields: f(['query.townshipId']) },
      { label: 'unknown query parameter', caller: 'p_comm01', path: '/commission/requests?view=all', fields: { 'query.view': UNKNOWN } },
    ],
    'requests.handoverCandidates': [
      { label: 'townshipId empty', caller: 'p_comm01', path: '/commission/handover-candidates?townshipId=', fields: f(['query.townshipId']) },
      { label: 'townshipId with the county prefix', caller: 'p_comm01', path: '/commission/handover-candidates?townshipId=c_qinghe', fields: f(['query.townshipId']) },
      { label: 'unknown query parameter', caller: 'p_comm01', path: '/commission/handover-candidates?townshipId=t_liulin&kind=doctor', fields: { 'query.kind': UNKNOWN } },
    ],
    'survey.get': [m('unknown query parameter', '/families/f_0005/survey?quarter=2026-Q1', { fields: { 'query.quarter': UNKNOWN } })],
    'survey.answer': [
      m('malformed JSON', '/families/f_0005/survey', { rawBody: '{"awareness":', fields: f(['body']) }),
      m('text/plain', '/families/f_0005/survey', { rawBody: JSON.stringify(survey()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      m('satisfaction not one of the five', '/families/f_0005/survey', { body: survey({ satisfaction: 'ok' }), fields: f(['body.satisfaction']) }),
      m('awareness missing', '/families/f_0005/survey', { body: survey({ awareness: undefined }), fields: f(['body.awareness']) }),
      m('unknown field', '/families/f_0005/survey', { body: survey({ quarter: '2026-Q1' }), fields: { 'body.quarter': UNKNOWN } }),
    ],
  };
}
