import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { type CadenceStatus, type DueFamily, formatChineseDate, type UrgentTask, urgentActionLabels, urgentKindLabels } from '@domain';
import { ledgerApi } from '../../../api/ledger';
import { Btn } from '../../../components/Btn';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { paths, withQuery } from '../../../lib/routes';
import '../ledger.scss';

/** Words, not colour: each state says what it is. */
function cadenceText(what: string, s: { status: CadenceStatus; daysSince?: number }, every: number): string {
  if (s.daysSince === undefined) return `${what}：${every} 天内没有记录，已超期`;
  if (s.status === 'overdue') return `${what}：${s.daysSince} 天前，已超期 ${s.daysSince - every} 天`;
  if (s.status === 'due_today') return `${what}：${s.daysSince} 天前，今天要${what === '上次联系' ? '联系' : '走访'}`;
  return `${what}：${s.daysSince === 0 ? '今天' : `${s.daysSince} 天前`}`;
}

function FamilyDue({ f }: { f: DueFamily }) {
  return (
    <View className={`card due${f.late ? ' due--late' : ''}`} data-family={f.familyId}>
      <View className="h2">
        {f.late ? <View className="badge badge--late">超期</View> : null}
        {f.familyName}
      </View>
      <View className="text soft">{f.villageName}</View>
      <View className="text">{cadenceText('上次联系', f.contact, 7)}</View>
      <View className="text">{cadenceText('上次走访', f.visit, 30)}</View>
      {f.birthdays.map((b) => (
        <View className="text" key={b.name}>
          生日：{b.name}，{b.daysUntil === 0 ? '就是今天' : `还有 ${b.daysUntil} 天（${formatChineseDate(b.date)}）`}
        </View>
      ))}
      <View className="mt">
        <Btn
          icon="arrowRight"
          onClick={() => {
            askForUrgentMessages();
            void Taro.navigateTo({ url: withQuery(paths.ledgerRecord, { familyId: f.familyId, name: f.familyName }) });
          }}
        >
          记录联系
        </Btn>
      </View>
    </View>
  );
}

/** Urgent events reach the contacts by subscription message: asked inside the tap, before navigating. */
const askForUrgentMessages = () => void requestSubscriptions(['urgent.visit', 'followup.urgent']);

/**
 * One urgent task (今天去看望): what happened to whom, whether it is late, in words, and the one
 * action, recording the visit against the task.
 */
function UrgentTaskCard({ t }: { t: UrgentTask }) {
  const late = t.daysOverdue > 0;
  return (
    <View className={`card urgent-task${late ? ' urgent-task--late' : ''}`} data-task={t.taskId}>
      <View className="h2">
        <View className={`badge ${late ? 'badge--late' : 'badge--urgent'}`}>{late ? `已超期 ${t.daysOverdue} 天` : '今天去看望'}</View>
        {t.memberName} {urgentKindLabels[t.kind]}
      </View>
      <View className="text">
        {t.familyName}，{t.detail}
      </View>
      <View className="text soft">
        {formatChineseDate(t.dueOn)}通知，{urgentActionLabels[t.kind]}
      </View>
      <View className="mt">
        <Btn
          icon="home"
          onClick={() => {
            askForUrgentMessages();
            void Taro.navigateTo({ url: withQuery(paths.ledgerRecord, { familyId: t.familyId, name: t.familyName, taskId: t.taskId }) });
          }}
        >
          记录看望
        </Btn>
      </View>
    </View>
  );
}

/**
 * The contact person's home for the ledger: urgent tasks (a member admitted, discharged, with an
 * urgent reading, or dead) on top, then overdue families first, with the days in words, then
 * upcoming birthdays and festivals. Refreshes on return from the record page.
 */
export default function Due() {
  const { state, reload } = useRemote(() => ledgerApi.due(), { auto: false });
  useDidShow(() => {
    void reload(state.status === 'ready');
  });
  return (
    <View className="page">
      <FlashNotice />
      <View className="h1">联系待办</View>
      <View className="text soft">每周至少联系一次，每月至少上门走访一次。</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <>
          {state.data.tasks.length ? (
            <View className="mb" role="region" aria-label="今天去看望">
              <View className="h2 mt">今天去看望（{state.data.tasks.length} 项）</View>
              {state.data.tasks.map((t) => (
                <UrgentTaskCard t={t} key={t.taskId} />
              ))}
            </View>
          ) : null}
          {state.data.festivals.map((fe) => (
            <Notice tone="info" icon="tips" key={fe.name}>
              {fe.name}（{formatChineseDate(fe.date)}）{fe.daysUntil === 0 ? '就是今天' : `还有 ${fe.daysUntil} 天`}，记得节日慰问。
            </Notice>
          ))}
          {state.data.families.length === 0 ? <Empty text="还没有给您分配联系的家庭。" /> : null}
          <View className="text mt mb" role="status">
            超期 {state.data.families.filter((f) => f.late).length} 户，共 {state.data.families.length} 户
          </View>
          {state.data.families.map((f) => (
            <FamilyDue f={f} key={f.familyId} />
          ))}
        </>
      ) : null}
    </View>
  );
}
