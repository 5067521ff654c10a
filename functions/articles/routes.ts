import type { RouteDef } from '../routes';

/** Policy and health education (政策宣传, 健康教育): authors publish, families read (and are counted). */
export const articlesRoutes = [
  { id: 'articles.publish', method: 'POST', path: '/articles', handler: 'articles/publish-article', access: { kind: 'roles', roles: ['commission', 'doctor'] }, summary: "Publish a short article to the caller's region (commission) or the members signed to their team(s) (doctor)", idempotent: true },
  { id: 'articles.listMine', method: 'GET', path: '/articles/mine', handler: 'articles/list-my-articles', access: { kind: 'roles', roles: ['commission', 'doctor'] }, summary: "The caller's articles, newest first, with how many families opened each" },
  { id: 'articles.listFamily', method: 'GET', path: '/families/{familyId}/articles', handler: 'articles/list-family-articles', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "The newest articles for the family (its county, township and doctors' teams), with unread marks" },
  { id: 'articles.read', method: 'GET', path: '/families/{familyId}/articles/{articleId}', handler: 'articles/read-article', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "One article's text; the family's first open adds one to the article's read count" },
] as const satisfies readonly RouteDef[];
