import { View } from '@tarojs/components';
import { type SigningCoverageFigures, formatChineseDate } from '@domain';
import { signingApi } from '../../../api/signing';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';
import { Whole } from '../../../components/Whole';

const percent = (f: SigningCoverageFigures) => (f.wanting ? `${Math.round((f.signed / f.wanting) * 100)}%` : '—');

function Figures({ f }: { f: SigningCoverageFigures }) {
  return (
    <View>
      <View className="text-lg">
        已签约 {f.signed} 人 / 有签约意愿 {f.wanting} 人（{percent(f)}）
      </View>
      <View className="text">30 天内到期：{f.expiringSoon} 人</View>
      <View className="text">超过 3 个工作日未答复的申请：{f.overdueApplications} 份</View>
    </View>
  );
}

/** Signing coverage of the officer's region: totals, by township, and overdue applications by name. */
export default function Coverage() {
  const { state, reload } = useRemote(() => signingApi.coverage());
  return (
    <View className="page">
      <View className="h1">家庭医生签约情况</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="text soft">
            <Whole>截至 {formatChineseDate(state.data.asOf)}</Whole>
          </View>
          <View className="card" id="coverage-totals">
            <View className="badge">全辖区</View>
            <Figures f={state.data.totals} />
          </View>
          {state.data.townships.map((t) => (
            <View className="card" key={t.townshipId}>
              <View className="h3">{t.townshipName}</View>
              <Figures f={t} />
            </View>
          ))}
          <View className="section-title mt">督办：超期未答复的申请</View>
          {state.data.overdue.length === 0 ? <Notice tone="ok">没有超期未答复的签约申请。</Notice> : null}
          {state.data.overdue.map((o) => (
            <View className="card" key={`${o.memberName}-${o.deadline}`}>
              <View className="h3">
                {o.memberName}，{o.villageName}
              </View>
              <View className="text">
                {o.teamName}应在 {formatChineseDate(o.deadline)} 前答复
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
