import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { type CadenceStatus, type DueFamily, formatChineseDate } from '@domain';
import { ledgerApi } from '../../../api/ledger';
import { Btn } from '../../../components/Btn';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';
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
        <Btn icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.ledgerRecord, { familyId: f.familyId, name: f.familyName }) })}>
          记录联系
        </Btn>
      </View>
    </View>
  );
}

/**
 * The contact person's home for the ledger: overdue families first, with the days in words, then
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
