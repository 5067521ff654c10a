import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, tierLabels, tierNowLabels, type TierDueEntry } from '@domain';
import { followupsApi } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { Whole } from '../../../components/Whole';

/**
 * The double-signing members whose tier this doctor serves and who have not had this week's,
 * month's or quarter's visit or call. Loaded apart from the queue: most doctors serve no tier and
 * see nothing here, and a failure here leaves the queue usable.
 */
export function TierDue() {
  const { state, reload } = useRemote(() => followupsApi.tierDue());
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });
  if (state.status === 'error') {
    return (
      <Notice tone="error" icon="tips">
        “双签约”随访名单没有读出来：{state.message}
      </Notice>
    );
  }
  if (state.status !== 'ready' || state.data.items.length === 0) return null;
  return (
    <View>
      <View className="section-title">“双签约”随访（我负责的层级）</View>
      {state.data.items.map((e) => (
        <TierDueCard key={`${e.memberId}-${e.tier}`} entry={e} today={state.data.today} />
      ))}
    </View>
  );
}

function TierDueCard({ entry: e, today }: { entry: TierDueEntry; today: string }) {
  return (
    <View className="card">
      <View className="h3">
        {e.memberName}（{e.villageName}）
      </View>
      <View className="text-lg strong">
        {tierLabels[e.tier]}：{tierNowLabels[e.tier]}还没有随访
      </View>
      <View className="text">
        <Whole>{e.lastServedOn ? `上次随访：${formatChineseDate(e.lastServedOn, today)}` : '还没有这一级的随访记录'}</Whole>
      </View>
      <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.doctorMember, { familyId: e.familyId, memberId: e.memberId }) })}>
        记录随访
      </Btn>
    </View>
  );
}
