import type { articlesRoutes } from '../../functions/articles/routes';
import type { entitlementsRoutes } from '../../functions/entitlements/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the 帮扶清单 and the articles routes, spread into bad-input.test.ts (which runs
 * them: 400/415, a Chinese message per field, no DynamoDB request). Callers: member p_m0008
 * (f_0005), doctor p_doc03, the county officer p_comm01.
 */
type InformationRouteId = (typeof entitlementsRoutes)[number]['id'] | (typeof articlesRoutes)[number]['id'];
export type InformationBadCase = BadCase<'p_m0008' | 'p_doc03' | 'p_comm01'>;

const touch = { familyId: 'f_0005' };
const article = (change: Record<string, unknown> = {}) => ({ title: '冬季防跌倒', text: '下雪天路滑，出门请穿防滑鞋，慢慢走。', ...change });

export function informationBadInput(): Record<InformationRouteId, InformationBadCase[]> {
  const m = (label: string, path: string, rest: Partial<InformationBadCase> = {}): InformationBadCase => ({ label, caller: 'p_m0008', path, touch, ...rest });
  const c = (label: string, rest: Partial<InformationBadCase>): InformationBadCase => ({ label, caller: 'p_comm01', path: '/articles', ...rest });
  const d = (label: string, rest: Partial<InformationBadCase>): InformationBadCase => ({ label, caller: 'p_doc03', path: '/articles', ...rest });
  return {
    'entitlements.get': [
      m('unknown query parameter', '/families/f_0005/entitlements?type=all', { fields: { 'query.type': UNKNOWN } }),
      m('familyId not an id', '/families/f_x/entitlements', { fields: f(['path.familyId']), touch: {} }),
    ],
    'articles.publish': [
      c('malformed JSON', { rawBody: '{"title":', fields: f(['body']) }),
      c('text/plain', { rawBody: JSON.stringify(article()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('title missing', { body: article({ title: undefined }), fields: f(['body.title']) }),
      c('title only spaces', { body: article({ title: '   ' }), fields: { 'body.title': '请填写标题（至少 2 个字）' } }),
      c('title oversize (41)', { body: article({ title: '题'.repeat(41) }), fields: { 'body.title': '标题不能超过 40 个字' } }),
      c('text too short', { body: article({ text: '注意保暖' }), fields: { 'body.text': '请填写正文（至少 10 个字）' } }),
      c('text oversize (3001)', { body: article({ text: '字'.repeat(3001) }), fields: { 'body.text': '正文不能超过 3000 个字' } }),
      c('text of the wrong type', { body: article({ text: 42 }), fields: f(['body.text']) }),
      c('unknown field', { body: article({ pictures: ['a.jpg'] }), fields: { 'body.pictures': UNKNOWN } }),
      c('townshipId with the county prefix', { body: article({ townshipId: 'c_qinghe' }), fields: f(['body.townshipId']) }),
      c('condition not one of the list', { body: article({ condition: 'cancer' }), fields: { 'body.condition': '请从列表中选择慢性病' } }),
      c('commission naming a condition', { body: article({ condition: 'hypertension' }), fields: { 'body.condition': '只有家庭医生可以按慢性病选择读者' } }),
      c('commission naming a team', { body: article({ teamId: 'tm_chengguan' }), fields: { 'body.teamId': '卫健委发布的文章面向辖区，不能选择医生团队' } }),
      d('doctor naming a township', { body: article({ townshipId: 't_liulin' }), fields: { 'body.townshipId': '家庭医生的文章面向签约居民，不能选择乡镇' } }),
      d('teamId not a team id', { body: article({ teamId: 'team-1' }), fields: { 'body.teamId': '团队编号格式不正确' } }),
    ],
    'articles.listMine': [d('unknown query parameter', { path: '/articles/mine?limit=5', fields: { 'query.limit': UNKNOWN } })],
    'articles.listFamily': [
      m('unknown query parameter', '/families/f_0005/articles?unread=1', { fields: { 'query.unread': UNKNOWN } }),
      m('familyId not an id', '/families/f_x/articles', { fields: f(['path.familyId']), touch: {} }),
    ],
    'articles.read': [
      m('articleId without the prefix', '/families/f_0005/articles/seedcounty0001', { fields: { 'path.articleId': '文章编号格式不正确' } }),
      m('articleId with punctuation', "/families/f_0005/articles/ar_abc'or'1=1", { fields: { 'path.articleId': '文章编号格式不正确' } }),
      m('familyId not an id', '/families/f_x/articles/ar_seedcounty0001', { fields: f(['path.familyId']), touch: {} }),
    ],
  };
}
