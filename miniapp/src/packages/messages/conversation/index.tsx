import { useMemo } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ThreadRef } from '../../../api/messaging';
import { loadSession } from '../../../api/session';
import { ThreadView } from '../components/ThreadView';
import '../components/thread.scss';

/** A family's conversation with one contact person (`?familyId=…&staffId=…&name=…`). */
export default function Conversation() {
  const { params } = useRouter();
  const me = loadSession()?.me;
  const familyId = params.familyId ?? me?.familyId ?? '';
  const thread = useMemo<ThreadRef>(() => ({ kind: 'conversation', familyId, staffId: params.staffId ?? '' }), [familyId, params.staffId]);
  if (params.name) void Taro.setNavigationBarTitle({ title: `和${decodeURIComponent(params.name)}说话` });
  return (
    <View className="page">
      <ThreadView thread={thread} side={me?.role === 'member' ? 'family' : 'staff'} subscribe={['message.new']} />
    </View>
  );
}
