import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { informationApi } from '../../../api/information';
import { Btn } from '../../../components/Btn';
import { paths } from '../../../lib/routes';

/**
 * The way into 政策与健康知识 from the family's home, saying in words how many new articles wait
 * (refreshed whenever the home page shows again). Without a count it is a plain entry.
 */
export function ArticlesEntry({ familyId }: { familyId: string }) {
  const [unread, setUnread] = useState<number | null>(null);
  const load = () => {
    void informationApi
      .feed(familyId)
      .then((r) => setUnread(r.unread))
      .catch(() => setUnread(null));
  };
  useEffect(load, [familyId]);
  useDidShow(load);
  return (
    <View className="articles-entry mt" data-unread={unread ?? ''}>
      <Btn big={Boolean(unread)} kind={unread ? 'primary' : 'secondary'} icon="tips" onClick={() => Taro.navigateTo({ url: paths.articles })}>
        {unread ? `政策与健康知识（${unread} 篇新文章）` : '政策与健康知识'}
      </Btn>
    </View>
  );
}
