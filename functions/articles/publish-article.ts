import { ArticlePublishBody } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { publishArticle } from './publishing';

/**
 * Publish (publishing.ts) with the Idempotency-Key marker in the article's transaction, so a
 * retried tap publishes once.
 */
export const handler = routeHandler('articles.publish', { body: ArticlePublishBody }, async ({ body, principal, now, idempotency }) => ({
  status: 201,
  body: await publishArticle(principal, body, now, { alongside: (response) => idempotency.marker(response, 201) }),
}));
