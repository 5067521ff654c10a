import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Me } from '@domain';
import { messagingApi } from '../api/messaging';
import { paths } from '../lib/routes';
import { Btn } from './Btn';

/**
 * The way into messages from a home page, with the exact unread count, refreshed whenever the home
 * page shows again. The app has no tab bar, so the count sits on this button (and in the words, not
 * only in a red dot).
 */
export function MessagesEntry({ me }: { me: Me }) {
  const [unread, setUnread] = useState<number | null>(null);
  const load = () => {
    const request = me.role === 'member' && me.familyId ? messagingApi.familyThreads(me.familyId) : messagingApi.inbox();
    void request.then((r) => setUnread(r.unreadTotal)).catch(() => setUnread(null));
  };
  // On first mount (the home page may have shown before this appeared) and on every return to it.
  useEffect(load, [me.personId]);
  useDidShow(load);
  return (
    <View className="messages-entry mb" data-unread={unread ?? ''}>
      <Btn big={Boolean(unread)} kind={unread ? 'primary' : 'secondary'} icon="tips" onClick={() => Taro.navigateTo({ url: paths.messages })}>
        {unread ? `消息（${unread} 条未读）` : '消息'}
      </Btn>
    </View>
  );
}
