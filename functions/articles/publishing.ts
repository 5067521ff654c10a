import { type ArticleAudience, type ArticlePublishBody, type AuthoredArticle, chronicConditionLabels, type Principal, toBeijingIso } from '../../domain';
import { articleParts, findTownship, newArticleId } from '../lib/db/articles';
import { batchGetAll } from '../lib/db/batch';
import { keys } from '../lib/db/keys';
import { getPerson } from '../lib/db/persons';
import { getStaffTeamIds, type TeamItem } from '../lib/db/signing';
import { transact, type Part } from '../lib/db/transact';
import { badRequest, forbidden, notFound } from '../lib/http/errors';
import { authoredArticle } from './views';

/** A doctor on more teams than this is a data error, not a reason for a huge transaction. */
const MAX_TEAMS = 10;

interface Target {
  audiences: ArticleAudience[];
  label: string;
}

/**
 * Publish: the article and one feed item per audience in ONE transaction, so the route and the
 * demo seed publish the same way. Fields that do not fit the caller's role are refused before
 * anything is read. Reads: the author (byline) beside the audience check (a county officer's
 * township: one key-bounded Query, Limit 1; a doctor's teams: one Query and one BatchGet for their
 * names). `articleId` is given only by the seed (the demo's fixed ids); `alongside` adds parts to
 * the same transaction (the route's Idempotency-Key marker, made from the answer).
 */
export async function publishArticle(
  principal: Principal,
  body: ArticlePublishBody,
  now: Date,
  options: { articleId?: string; alongside?: (response: AuthoredArticle) => Part[] } = {},
): Promise<AuthoredArticle> {
  if (principal.role === 'commission') {
    const wrong: Record<string, string> = {};
    if (body.teamId) wrong['body.teamId'] = '卫健委发布的文章面向辖区，不能选择医生团队';
    if (body.condition) wrong['body.condition'] = '只有家庭医生可以按慢性病选择读者';
    if (body.townshipId && principal.level !== 'county') wrong['body.townshipId'] = '乡镇工作人员发布的文章只面向本乡镇';
    if (Object.keys(wrong).length) throw badRequest('发布对象填写不正确', wrong);
  } else if (body.townshipId) {
    throw badRequest('发布对象填写不正确', { 'body.townshipId': '家庭医生的文章面向签约居民，不能选择乡镇' });
  }
  const [person, target] = await Promise.all([getPerson(principal.personId), principal.role === 'commission' ? commissionTarget(principal, body.townshipId) : doctorTarget(principal, body)]);
  if (!person) throw notFound('没有找到您的信息，请重新登录');
  const article = {
    articleId: options.articleId ?? newArticleId(now),
    title: body.title,
    text: body.text,
    byline: `${person.organisation ?? ''} ${person.name}`.trim(),
    authorId: principal.personId,
    authorRole: principal.role,
    audiences: target.audiences,
    audienceLabel: target.label,
    publishedAt: toBeijingIso(now),
  };
  const response: AuthoredArticle = authoredArticle({ ...article, readCount: 0 });
  await transact([...articleParts(article), ...(options.alongside?.(response) ?? [])]);
  return response;
}

async function commissionTarget(principal: Principal, townshipId: string | undefined): Promise<Target> {
  if (!principal.regionId) throw forbidden('您的账号没有设置管辖区域，请联系管理员');
  if (principal.level === 'county' && !townshipId) return { audiences: [{ kind: 'county', countyId: principal.regionId }], label: '全县特殊家庭' };
  const wanted = townshipId ?? principal.regionId;
  const township = await findTownship(wanted, principal.level === 'county' ? principal.regionId : undefined);
  if (!township) throw badRequest('发布对象填写不正确', { 'body.townshipId': '这个乡镇不在您的辖区，或还没有登记特殊家庭' });
  return { audiences: [{ kind: 'township', townshipId: wanted }], label: `${township.townshipName}特殊家庭` };
}

async function doctorTarget(principal: Principal, body: ArticlePublishBody): Promise<Target> {
  const mine = (await getStaffTeamIds(principal.personId)).slice(0, MAX_TEAMS);
  if (!mine.length) throw forbidden('您还没有加入家庭医生团队，暂时不能发布');
  if (body.teamId && !mine.includes(body.teamId)) throw forbidden('您不在这个家庭医生团队');
  const teamIds = body.teamId ? [body.teamId] : mine;
  const teams = await batchGetAll<TeamItem>(teamIds.map((t) => keys.team(t)));
  const names = teams.map((t) => t.name).join('、');
  const condition = body.condition ? `（${chronicConditionLabels[body.condition]}）` : '';
  return {
    audiences: teamIds.map((teamId) => ({ kind: 'team', teamId, ...(body.condition ? { condition: body.condition } : {}) })),
    label: `${names}签约居民${condition}`,
  };
}
