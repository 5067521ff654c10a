import type { ArticleSummary, ArticleView, AuthoredArticle } from '../../domain';
import type { ArticleAudienceItem, ArticleItem } from '../lib/db/articles';

/** Stored article items → API shapes. */

export const articleView = (a: Pick<ArticleItem, 'articleId' | 'title' | 'text' | 'byline' | 'publishedAt'>): ArticleView => ({
  articleId: a.articleId,
  title: a.title,
  text: a.text,
  byline: a.byline,
  publishedAt: a.publishedAt,
});

export const authoredArticle = (a: Pick<ArticleItem, 'articleId' | 'title' | 'text' | 'byline' | 'publishedAt' | 'audienceLabel' | 'readCount'>): AuthoredArticle => ({
  ...articleView(a),
  audience: a.audienceLabel,
  readCount: a.readCount,
});

export const articleSummary = (a: ArticleAudienceItem, read: boolean): ArticleSummary => ({
  articleId: a.articleId,
  title: a.title,
  byline: a.byline,
  publishedAt: a.publishedAt,
  read,
});
