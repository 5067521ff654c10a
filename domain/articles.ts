import * as z from './zod';
import { FamilyId, TownshipId } from './common';
import { ChronicCondition, chronicConditionLabels } from './followups';
import { TeamId } from './signing';

/**
 * Policy and health education (政策宣传, 健康教育): the county commission and family doctors publish
 * short articles to the families they serve. Text only: the mini-program reads each one aloud.
 *
 * Audiences: a county officer writes to the whole county or one township; a township officer to
 * the township; a doctor to the members signed to their team(s), optionally only those with one
 * chronic condition. Reads are counted per article (distinct families), never listed per person.
 */

export const ArticleId = z.string().check(z.regex(/^ar_[A-Za-z0-9]{8,60}$/, '文章编号格式不正确'));

export const ARTICLE_TITLE_MAX = 40;
export const ARTICLE_TEXT_MAX = 3000;

export const ArticlePublishBody = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(2, '请填写标题（至少 2 个字）'), z.maxLength(ARTICLE_TITLE_MAX, `标题不能超过 ${ARTICLE_TITLE_MAX} 个字`)),
  text: z.string().check(z.trim(), z.minLength(10, '请填写正文（至少 10 个字）'), z.maxLength(ARTICLE_TEXT_MAX, `正文不能超过 ${ARTICLE_TEXT_MAX} 个字`)),
  /** County officers only: one township of the county instead of the whole county. */
  townshipId: z.optional(TownshipId),
  /** Doctors only: one of their teams instead of all of them. */
  teamId: z.optional(TeamId),
  /** Doctors only: only families with a signed member who has this condition. */
  condition: z.optional(z.enum(ChronicCondition.options, '请从列表中选择慢性病')),
});
export type ArticlePublishBody = z.infer<typeof ArticlePublishBody>;

export const ArticlePath = z.strictObject({ familyId: FamilyId, articleId: ArticleId });

/** What a family sees in its list. */
export const ArticleSummary = z.object({
  articleId: ArticleId,
  title: z.string(),
  /** e.g. 清河县卫健委 郑国栋, 城关镇卫生院家庭医生团队 陈立新. */
  byline: z.string(),
  publishedAt: z.string(),
  /** Read by someone of the family already. */
  read: z.boolean(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleFeedResponse = z.object({
  items: z.array(ArticleSummary),
  /** Articles in `items` nobody of the family has opened yet. */
  unread: z.number(),
});
export type ArticleFeedResponse = z.infer<typeof ArticleFeedResponse>;

export const ArticleView = z.object({
  articleId: ArticleId,
  title: z.string(),
  text: z.string(),
  byline: z.string(),
  publishedAt: z.string(),
});
export type ArticleView = z.infer<typeof ArticleView>;

/** An author's own article with how many families opened it. */
export const AuthoredArticle = z.object({
  ...ArticleView.shape,
  /** Who it went to, in words: 全县, 城关镇, 城关镇卫生院家庭医生团队签约居民（高血压）. */
  audience: z.string(),
  readCount: z.number(),
});
export type AuthoredArticle = z.infer<typeof AuthoredArticle>;

export const AuthoredArticlesResponse = z.object({ items: z.array(AuthoredArticle) });
export type AuthoredArticlesResponse = z.infer<typeof AuthoredArticlesResponse>;

/** One audience of an article: the feed a family reads it from. */
export type ArticleAudience =
  | { kind: 'county'; countyId: string }
  | { kind: 'township'; townshipId: string }
  | { kind: 'team'; teamId: string; condition?: ChronicCondition };

/** What a family brings to the audience check: its region and its signed members' teams and conditions. */
export interface FamilyReach {
  countyId: string;
  townshipId: string;
  /** Per signed member: the team and the member's conditions (Chinese labels, as on the family). */
  signed: ReadonlyArray<{ teamId: string; conditions: readonly string[] }>;
}

/** Whether a family is among an audience. A condition narrows a team audience to members who have it. */
export function reachesFamily(audience: ArticleAudience, family: FamilyReach): boolean {
  switch (audience.kind) {
    case 'county':
      return audience.countyId === family.countyId;
    case 'township':
      return audience.townshipId === family.townshipId;
    case 'team':
      return family.signed.some(
        (s) => s.teamId === audience.teamId && (!audience.condition || s.conditions.includes(chronicConditionLabels[audience.condition])),
      );
  }
}

/** How many articles a family's list shows (newest first). */
export const ARTICLE_FEED_LIMIT = 20;
