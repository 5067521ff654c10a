import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ARTICLE_FEED_LIMIT, type ArticleAudience, type FamilyReach, reachesFamily, type Role } from '../../../domain';
import { batchGetAll } from './batch';
import { db, tableName } from './client';
import { getFamilyProfile } from './families';
import type { FamilyProfileItem } from './items';
import { keys } from './keys';
import type { SigningStateItem } from './signing';
import { part, type Part } from './transact';

/**
 * Articles (政策宣传, 健康教育). Access patterns:
 * - an article: pk=ARTICLE#<id>, sk=ARTICLE (text, audiences, `readCount`);
 * - its audiences: same partition, sk=TO#<feed>, each in its feed on GSI1
 *   (gsi1pk=FEED#COUNTY#<c> / FEED#TOWNSHIP#<t> / FEED#TEAM#<tm>, gsi1sk=<publishedAt>#<id>), so a
 *   family's list is one Query per feed it belongs to (county, township, each team of a signed
 *   member), newest first and bounded, never a scan;
 * - an author's articles: GSI2 gsi2pk=ARTICLES#<personId>, gsi2sk=<publishedAt>#<id>;
 * - a family opened one: pk=ARTREAD#<familyId>, sk=<articleId> (BatchGet for the list's read marks;
 *   put with attribute_not_exists in the same transaction as the ADD to `readCount`, so the count
 *   is of families reached and a second open adds nothing). No report lists these per family.
 */

export interface ArticleItem {
  pk: string;
  sk: 'ARTICLE';
  entity: 'article';
  articleId: string;
  title: string;
  text: string;
  byline: string;
  authorId: string;
  authorRole: Role;
  audiences: ArticleAudience[];
  audienceLabel: string;
  publishedAt: string;
  readCount: number;
  gsi2pk: string;
  gsi2sk: string;
}

export interface ArticleAudienceItem {
  pk: string;
  sk: string;
  entity: 'articleAudience';
  articleId: string;
  title: string;
  byline: string;
  publishedAt: string;
  audience: ArticleAudience;
  gsi1pk: string;
  gsi1sk: string;
}

export interface ArticleReadItem {
  pk: string;
  sk: string;
  entity: 'articleRead';
  familyId: string;
  articleId: string;
  at: string;
}

/** Time-ordered ids: the epoch milliseconds, then randomness so two at once never collide. */
export const newArticleId = (now: Date) => `ar_${String(now.getTime()).padStart(13, '0')}${randomBytes(6).toString('hex')}`;

export function feedPkOf(audience: ArticleAudience): string {
  switch (audience.kind) {
    case 'county':
      return keys.articleFeedPk('COUNTY', audience.countyId);
    case 'township':
      return keys.articleFeedPk('TOWNSHIP', audience.townshipId);
    case 'team':
      return keys.articleFeedPk('TEAM', audience.teamId);
  }
}

/** The article and one item per audience, for the publishing transaction. */
export function articleParts(article: Omit<ArticleItem, 'pk' | 'sk' | 'entity' | 'readCount' | 'gsi2pk' | 'gsi2sk'>): Part<'article' | 'audience'>[] {
  const item: ArticleItem = {
    ...keys.article(article.articleId),
    entity: 'article',
    ...article,
    readCount: 0,
    gsi2pk: keys.articleAuthorPk(article.authorId),
    gsi2sk: keys.articleFeedSk(article.publishedAt, article.articleId),
  };
  const put = (Item: object) => ({ Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  return [
    part('article', put(item)),
    ...article.audiences.map((audience) => {
      const feed = feedPkOf(audience);
      const pointer: ArticleAudienceItem = {
        ...keys.articleAudience(article.articleId, feed),
        entity: 'articleAudience',
        articleId: article.articleId,
        title: article.title,
        byline: article.byline,
        publishedAt: article.publishedAt,
        audience,
        gsi1pk: feed,
        gsi1sk: keys.articleFeedSk(article.publishedAt, article.articleId),
      };
      return part('audience', put(pointer));
    }),
  ];
}

/** The read mark (once per family) and the counter, for the read's transaction. */
export function articleReadParts(familyId: string, articleId: string, at: string): Part<'firstRead' | 'count'>[] {
  const mark: ArticleReadItem = { ...keys.articleRead(familyId, articleId), entity: 'articleRead', familyId, articleId, at };
  return [
    part('firstRead', { Put: { TableName: tableName(), Item: mark, ConditionExpression: 'attribute_not_exists(pk)' } }),
    part('count', {
      Update: {
        TableName: tableName(),
        Key: keys.article(articleId),
        UpdateExpression: 'ADD readCount :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    }),
  ];
}

export async function getArticle(articleId: string): Promise<ArticleItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.article(articleId) }));
  return out.Item as ArticleItem | undefined;
}

/** Newest first, at most `limit`, one Query. */
async function queryFeed(feedPk: string, limit: number): Promise<ArticleAudienceItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': feedPk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as ArticleAudienceItem[];
}

/** An author's articles, newest first (one Query on GSI2). */
export async function listAuthorArticles(personId: string, limit: number): Promise<ArticleItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.articleAuthorPk(personId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as ArticleItem[];
}

/**
 * Where a family stands for articles: its region from the profile (one GetItem) and, only when
 * asked, the teams of its signed members (one BatchGet of their signing states).
 */
export async function getFamilyReach(familyId: string, withTeams: boolean): Promise<{ profile: FamilyProfileItem; reach: FamilyReach } | undefined> {
  const profile = await getFamilyProfile(familyId);
  if (!profile) return undefined;
  const states = withTeams ? await batchGetAll<SigningStateItem>(profile.members.map((m) => keys.signingState(m.personId))) : [];
  const conditionsOf = new Map(profile.members.map((m) => [m.personId, m.conditions]));
  const signed = states
    .filter((s) => s.state === 'signed' && s.teamId)
    .map((s) => ({ teamId: s.teamId!, conditions: conditionsOf.get(s.memberId) ?? [] }));
  return { profile, reach: { countyId: profile.countyId, townshipId: profile.townshipId, signed } };
}

/**
 * A family's list: one Query per feed (county, township, each distinct team), merged newest
 * first, narrowed by the audiences' conditions, then one BatchGet of the family's read marks.
 */
export async function listFamilyFeed(familyId: string, reach: FamilyReach): Promise<Array<{ item: ArticleAudienceItem; read: boolean }>> {
  const teams = [...new Set(reach.signed.map((s) => s.teamId))];
  const feeds = [keys.articleFeedPk('COUNTY', reach.countyId), keys.articleFeedPk('TOWNSHIP', reach.townshipId), ...teams.map((t) => keys.articleFeedPk('TEAM', t))];
  const pages = await Promise.all(feeds.map((f) => queryFeed(f, ARTICLE_FEED_LIMIT)));
  const byId = new Map<string, ArticleAudienceItem>();
  for (const item of pages.flat()) if (reachesFamily(item.audience, reach) && !byId.has(item.articleId)) byId.set(item.articleId, item);
  const newest = [...byId.values()].sort((a, b) => (a.publishedAt === b.publishedAt ? b.articleId.localeCompare(a.articleId) : b.publishedAt < a.publishedAt ? -1 : 1)).slice(0, ARTICLE_FEED_LIMIT);
  if (!newest.length) return [];
  const marks = await batchGetAll<ArticleReadItem>(newest.map((i) => keys.articleRead(familyId, i.articleId)));
  const read = new Set(marks.map((m) => m.articleId));
  return newest.map((item) => ({ item, read: read.has(item.articleId) }));
}

/** One family of a township (GSI1, Limit 1), or of a township within a county (GSI2): proves the township exists there and gives its name. */
export async function findTownship(townshipId: string, countyId?: string): Promise<{ townshipName: string; countyId: string } | undefined> {
  const q = countyId
    ? { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :p)', ExpressionAttributeValues: { ':pk': keys.countyPk(countyId), ':p': `FAMILY#${townshipId}#` } }
    : { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)', ExpressionAttributeValues: { ':pk': keys.townshipPk(townshipId), ':p': 'FAMILY#' } };
  const out = await db().send(new QueryCommand({ TableName: tableName(), ...q, Limit: 1 }));
  const family = out.Items?.[0] as FamilyProfileItem | undefined;
  return family ? { townshipName: family.townshipName, countyId: family.countyId } : undefined;
}
