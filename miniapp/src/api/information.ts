import { ArticleFeedResponse, ArticleView, AuthoredArticle, AuthoredArticlesResponse, EntitlementsResponse, type ArticlePublishBody } from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** The family's 帮扶清单 and the articles (functions/entitlements, functions/articles). */
export const informationApi = {
  entitlements: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/entitlements`, EntitlementsResponse),
  feed: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/articles`, ArticleFeedResponse),
  /** Opening an article counts the family's first read on the server. */
  article: (familyId: string, articleId: string) => authedCall('GET', `/families/${seg(familyId)}/articles/${seg(articleId)}`, ArticleView),
  /** `draftId` makes a retried tap (slow network) publish once. */
  publish: (body: ArticlePublishBody, draftId: string) => authedCall('POST', '/articles', AuthoredArticle, { body, headers: { 'Idempotency-Key': draftId } }),
  mine: () => authedCall('GET', '/articles/mine', AuthoredArticlesResponse),
};
