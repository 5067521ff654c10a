import { ArticlePublisher } from '../../../components/ArticlePublisher';

/** A doctor's 健康教育: articles to the team's signed members (optionally one condition), with read counts. */
export default function DoctorArticles() {
  return <ArticlePublisher heading="发布健康知识" />;
}
