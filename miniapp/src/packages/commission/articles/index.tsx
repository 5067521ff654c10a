import { ArticlePublisher } from '../../../components/ArticlePublisher';

/** The commission's 政策宣传: articles to the families of its county or township, with read counts. */
export default function CommissionArticles() {
  return <ArticlePublisher heading="发布政策宣传" />;
}
