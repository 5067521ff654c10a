import type { AuthoredArticlesResponse } from '../../domain';
import { listAuthorArticles } from '../lib/db/articles';
import { routeHandler } from '../lib/http/route-handler';
import { authoredArticle } from './views';

const MINE_LIMIT = 50;

/** The author's newest articles with their read counts (families that opened each): one Query. */
export const handler = routeHandler('articles.listMine', {}, async ({ principal }) => {
  const items = await listAuthorArticles(principal.personId, MINE_LIMIT);
  const body: AuthoredArticlesResponse = { items: items.map(authoredArticle) };
  return { body };
});
