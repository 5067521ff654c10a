import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, queuePriorityLabels, refillStatusLabels, type QueueEntry } from '@domain';
import { followupsApi } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { TierDue } from './tier-due';
import './index.scss';
import { Whole } from '../../../components/Whole';

const open = (e: { familyId: string; memberId: string }, extra: Record<string, string | undefined> = {}) =>
  Taro.navigateTo({ url: withQuery(paths.doctorMember, { familyId: e.familyId, memberId: e.memberId, ...extra }) });

/**
 * The doctor's follow-up work: urgent readings first, then overdue, then due, each with a word for
 * its priority (not only a colour), and refill requests waiting for a decision.
 */
export default function Queue() {
  const { state, reload } = useRemote(async () => {
    await requireMe();
    const [queue, refills] = await Promise.all([followupsApi.queue(), followupsApi.refills()]);
    return { queue, refills };
  });
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });
  return (
    <View className="page">
      <View className="h1">随访待办</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          {state.data.queue.items.length === 0 ? <Empty text="今天没有需要随访的居民。" /> : null}
          {state.data.queue.items.map((e) => (
            <QueueCard key={`${e.kind}-${e.memberId}-${e.ref ?? e.followUpId ?? e.dueOn}`} entry={e} />
          ))}
          <TierDue />
          <View className="section-title">续方审核</View>
          {state.data.refills.items.length === 0 ? <Empty text="没有等待审核的续方。" /> : null}
          {state.data.refills.items.map((r) => (
            <View className="card" key={r.refill.refillId}>
              <View className="h3">
                {r.memberName}：{r.medicines}
              </View>
              <View className="text-lg">{refillStatusLabels[r.refill.status]}</View>
              {!r.followUpRecent ? <View className="text strong">最近 30 天没有随访，审核前请先随访</View> : null}
              <Btn kind="secondary" icon="arrowRight" onClick={() => open(r)}>
                查看并处理
              </Btn>
            </View>
          ))}
          <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: paths.doctorMembers })}>
            我的签约居民
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

function QueueCard({ entry: e }: { entry: QueueEntry }) {
  return (
    <View className={`card queue-card queue-card--${e.priority}`}>
      <View className="row">
        <View className={`badge-word badge-word--${e.priority}`}>{queuePriorityLabels[e.priority]}</View>
        <View className="h3">{e.memberName}</View>
      </View>
      <View className="text-lg strong">{e.title}</View>
      {e.detail ? <View className="text">{e.detail}</View> : null}
      <View className="text">{e.priority === 'urgent' ? '' : <Whole>应随访日期：{formatChineseDate(e.dueOn)}</Whole>}</View>
      {e.withheld ? null : (
        <Btn kind={e.priority === 'urgent' ? 'primary' : 'secondary'} icon="arrowRight" onClick={() => open(e, { followUpId: e.followUpId, ref: e.ref })}>
          {e.kind === 'urgent' || e.kind === 'review' ? '查看读数并回复' : '记录随访'}
        </Btn>
      )}
    </View>
  );
}
