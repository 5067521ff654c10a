import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { beijingWhen, type FamilyThreadItem, type InboxItem } from '@domain';
import { messagingApi } from '../../../api/messaging';
import { Btn } from '../../../components/Btn';
import { RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import '../components/thread.scss';

const timeOf = (iso: string) => (iso ? beijingWhen(iso) : '');
const statusLabels = { waiting: '等待回复', answered: '已回复', closed: '已结束' } as const;

function open(kind: 'conversation' | 'consultation', familyId: string, threadId: string, staffId?: string, name?: string) {
  const url =
    kind === 'conversation'
      ? withQuery(paths.conversation, { familyId, staffId, name })
      : withQuery(paths.consultation, { familyId, consultationId: threadId });
  void Taro.navigateTo({ url });
}

/** Staff: one inbox, waiting first. Members: the family's conversations and consultations. */
export default function Inbox() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (me.role === 'member') {
      const r = await messagingApi.familyThreads(me.familyId!);
      return { me, family: r.items, staff: [] as InboxItem[], unread: r.unreadTotal };
    }
    const r = await messagingApi.inbox();
    return { me, family: [] as FamilyThreadItem[], staff: r.items, unread: r.unreadTotal };
  });
  useDidShow(() => void reload(true));
  usePullDownRefresh(() => void reload(true).finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className="page">
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="h1">{state.data.unread ? `${state.data.unread} 条未读消息` : '没有未读消息'}</View>
          {state.data.me.role === 'member' ? (
            <Btn big onClick={() => Taro.navigateTo({ url: paths.newConsultation })}>
              在线咨询家庭医生
            </Btn>
          ) : null}
          {state.data.staff.length + state.data.family.length === 0 ? <View className="card text mt">还没有消息。</View> : null}
          {state.data.staff.map((i) => (
            // A withheld consultation cannot be opened (the server refuses it): no tap, a plain reason instead.
            <View className="card inbox-item" key={i.threadId} data-thread-id={i.threadId} onClick={i.withheld ? undefined : () => open(i.kind, i.familyId, i.threadId, i.kind === 'conversation' ? state.data.me.personId : undefined)}>
              <View className="inbox-item__head">
                <View className="h2">{i.familyName}</View>
                {i.unread ? <View className="unread-count">{i.unread} 条未读</View> : null}
              </View>
              <View className="text">
                {i.villageName}
                {i.age ? ` · ${i.age} 岁` : ''}
                {i.kind === 'consultation' && !i.withheld ? ` · 咨询：${i.subject ?? ''}` : ''}
              </View>
              {i.urgent ? <View className="text">【急】自述有急症</View> : null}
              {i.overdue ? <View className="text">【超时】已超过 24 小时未回复</View> : null}
              {i.waiting ? <View className="text">等您回复，从 {timeOf(i.waitingSince ?? i.lastMessageAt)} 起</View> : <View className="text soft">{i.status ? statusLabels[i.status] : '已回复'}</View>}
              {i.withheld ? (
                <View className="text">居民没有同意或已撤回在线共享健康信息，已结束的咨询记录不能查看</View>
              ) : (
                <>
                  <View className="text soft inbox-item__preview">{i.preview}</View>
                  <Btn kind="secondary">打开</Btn>
                </>
              )}
            </View>
          ))}
          {state.data.family.map((i) => (
            <View className="card inbox-item" key={i.threadId} data-thread-id={i.threadId} onClick={() => open(i.kind, state.data.me.familyId!, i.threadId, i.staffId, i.staffName)}>
              <View className="inbox-item__head">
                <View className="h2">{i.kind === 'consultation' ? `咨询：${i.subject ?? ''}` : i.staffName}</View>
                {i.unread ? <View className="unread-count">{i.unread} 条未读</View> : null}
              </View>
              {i.status ? <View className="text">{statusLabels[i.status]}</View> : null}
              <View className="text soft inbox-item__preview">
                {timeOf(i.lastMessageAt)} {i.preview}
              </View>
              <Btn kind="secondary">打开</Btn>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
