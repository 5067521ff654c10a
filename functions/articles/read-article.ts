import { ArticlePath, type ArticleView, reachesFamily, toBeijingIso } from '../../domain';
import { articleReadParts, getArticle, getFamilyReach } from '../lib/db/articles';
import { transact, TransactionRefused } from '../lib/db/transact';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { articleView } from './views';

/**
 * One article for a family of its audience. The family's first open puts its read mark and ADDs
 * one to the article's `readCount` in one transaction (the mark's attribute_not_exists makes a
 * second open, or two members opening at once, count once); a later open writes nothing but the
 * refused attempt. An article outside the family's audience reads as not found.
 */
export const handler = routeHandler('articles.read', { path: ArticlePath }, async ({ path, now }) => {
  const article = await getArticle(path.articleId);
  if (!article) throw notFound('没有找到这篇文章');
  const found = await getFamilyReach(path.familyId, article.audiences.some((a) => a.kind === 'team'));
  if (!found || !article.audiences.some((a) => reachesFamily(a, found.reach))) throw notFound('没有找到这篇文章');
  try {
    await transact(articleReadParts(path.familyId, path.articleId, toBeijingIso(now)));
  } catch (err) {
    if (!(err instanceof TransactionRefused && err.has('firstRead'))) throw err;
  }
  const body: ArticleView = articleView(article);
  return { body };
});
