import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { yuan } from '../../../lib/money';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';

/** The cadre's poor families under policy-support contract: costs, pending claims, warnings. */
export default function PolicyFamilies() {
  const { state, reload } = useRemote(() => signingApi.policyFamilies());
  return (
    <View className="page">
      <View className="h1">政策帮扶台账</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' && state.data.items.length === 0 ? <Empty text="您还没有签约帮扶的家庭。" /> : null}
      {state.status === 'ready'
        ? state.data.items.map((f) => (
            <View className="card" key={f.familyId}>
              {f.warning ? <View className="badge">因病致贫返贫预警</View> : null}
              <View className="h2">{f.familyName}</View>
              <View className="text">{f.villageName}</View>
              <View className="text">
                今年医疗费用 {yuan(f.totalFen)} 元，自付 {yuan(f.outOfPocketFen)} 元（家庭年收入 {yuan(f.yearlyIncomeFen)} 元，预警线 {f.warningSharePercent}%）
              </View>
              <View className="text">待办报销：{f.pendingClaims} 笔</View>
              <Btn icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.policyLedger, { familyId: f.familyId }) })}>
                查看和录入费用
              </Btn>
            </View>
          ))
        : null}
    </View>
  );
}
