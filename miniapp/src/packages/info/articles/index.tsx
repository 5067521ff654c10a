import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ApiFailure } from '../../../api/errors';
import { informationApi } from '../../../api/information';
import { Btn } from '../../../components/Btn';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import '../info.scss';
import { Whole } from '../../../components/Whole';

/**
 * 政策与健康知识: the newest articles from the county commission and the family's doctors, unread
 * ones marked in words. Each opens with one tap; the article page reads it aloud.
 */
export default function Articles() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    return informationApi.feed(me.familyId);
  });
  // Back from an article: its mark changes to read.
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });
  usePullDownRefresh(() => void Promise.resolve(reload(true)).finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className="page">
      <View className="h1">政策与健康知识</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="text-lg soft mb">{state.data.unread ? `有 ${state.data.unread} 篇新文章还没看。` : '新文章都看过了。'}每篇文章都可以点“朗读”听。</View>
          {state.data.items.length === 0 ? <Empty text="还没有文章。卫健委和家庭医生发布后会在这里看到。" /> : null}
          {state.data.items.map((a) => (
            <View className="card article-item" key={a.articleId} data-read={a.read ? 'yes' : 'no'}>
              <View className="article-item__title">
                {a.read ? null : <View className="unread-mark">未读</View>}
                {a.title}
              </View>
              <View className="text soft">{a.byline}</View>
              <View className="text soft">
                <Whole>{formatDateTime(a.publishedAt)}</Whole>
              </View>
              <View className="mt">
                <Btn kind={a.read ? 'secondary' : 'primary'} icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.article, { id: a.articleId }) })}>
                  {a.read ? '再看一遍' : '阅读和朗读'}
                </Btn>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
