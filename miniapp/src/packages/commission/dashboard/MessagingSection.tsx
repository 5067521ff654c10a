import { View } from '@tarojs/components';
import type { MessagingStatsRow } from '@domain';
import { messagingApi } from '../../../api/messaging';
import { RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';

/** Seconds as plain words: "35 分钟", "2.5 小时"; none yet as "暂无". */
export function duration(secs: number | null): string {
  if (secs === null) return '暂无';
  if (secs < 3600) return `${Math.max(1, Math.round(secs / 60))} 分钟`;
  const h = secs / 3600;
  return `${h < 10 ? Math.round(h * 10) / 10 : Math.round(h)} 小时`;
}

function Township({ t, showName }: { t: MessagingStatsRow; showName: boolean }) {
  return (
    <View className="msgstats" data-township={t.townshipId}>
      {showName ? <View className="text-lg">{t.townshipName}</View> : null}
      <View className="text">
        家庭发起对话 {t.conversationsOpened} 个，联系人回复 {t.conversationsAnswered} 次；回复用时中位 {duration(t.conversationFirstResponseSecs.median)}，九成在 {duration(t.conversationFirstResponseSecs.p90)} 内
      </View>
      <View className="text">
        在线咨询 {t.consultationsOpened} 个，已答复 {t.consultationsAnswered} 个；首次答复用时中位 {duration(t.consultationFirstResponseSecs.median)}，九成在 {duration(t.consultationFirstResponseSecs.p90)} 内
      </View>
      <View className={t.consultationsOverdue > 0 ? 'text strong' : 'text'}>超过 24 小时未答复的咨询：{t.consultationsOverdue} 个（仍在等待 {t.consultationsWaiting} 个）</View>
    </View>
  );
}

/**
 * 消息与咨询: this month's counts and response times per township. The commission never sees what
 * anyone wrote: the API returns numbers only.
 */
export function MessagingSection() {
  const { state, reload } = useRemote(() => messagingApi.stats());
  return (
    <View className="card" id="messaging-stats">
      <View className="h2">本月消息与在线咨询</View>
      <View className="text soft">只统计数量和回复用时，不显示消息内容。</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' && state.data.townships.length === 0 ? <View className="text">本月还没有消息或咨询。</View> : null}
      {state.status === 'ready' ? state.data.townships.map((t) => <Township key={t.townshipId} t={t} showName />) : null}
    </View>
  );
}
