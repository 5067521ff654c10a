import { type ArticleFeedResponse, FamilyPath } from '../../domain';
import { getFamilyReach, listFamilyFeed } from '../lib/db/articles';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { articleSummary } from './views';

/**
 * The family's newest articles with read marks and the unread count (the home page's 新文章 entry).
 * Requests: the profile (GetItem), the members' signing states for their teams (BatchGet), one
 * Query per feed (county, township, each team: bounded, newest first) and the read marks (BatchGet).
 */
export const handler = routeHandler('articles.listFamily', { path: FamilyPath }, async ({ path }) => {
  const found = await getFamilyReach(path.familyId, true);
  if (!found) throw notFound('没有找到这户家庭');
  const feed = await listFamilyFeed(path.familyId, found.reach);
  const body: ArticleFeedResponse = {
    items: feed.map((f) => articleSummary(f.item, f.read)),
    unread: feed.filter((f) => !f.read).length,
  };
  return { body };
});
