import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { cadenceLabels, dueStateLabels, formatChineseDate, type MemberHealthResponse } from '@domain';
import { followupsApi } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TrendChart } from '../../../components/TrendChart';
import { requireMe } from '../../../lib/guard';
import { formatDateTime } from '../../../lib/format';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import { Whole } from '../../../components/Whole';

/** My health: when the next follow-up is due, the doctor's latest advice, and my readings' trends. */
export default function Readings() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    return followupsApi.health(me.familyId!, me.personId);
  });
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });

  return (
    <View className="page">
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <ReadingsView data={state.data} /> : null}
    </View>
  );
}

function ReadingsView({ data }: { data: MemberHealthResponse }) {
  const replied = data.recent.find((r) => r.reply);
  const t = data.trends;
  const hasTrend = Object.values(t).some((p) => p.length > 0);
  return (
    <View>
      <View className="h1">{data.memberName}的健康</View>
      {data.plan ? (
        <View className="card">
          <View className="h3">随访计划：{cadenceLabels[data.plan.cadence]}</View>
          <View className="text-lg">
            <Whole>
              下次随访：{formatChineseDate(data.plan.dueOn)}（{dueStateLabels[data.plan.state]}）
            </Whole>
          </View>
          {data.plan.lastCompletedOn ? (
            <View className="text">
              <Whole>上次随访：{formatChineseDate(data.plan.lastCompletedOn)}</Whole>
            </View>
          ) : null}
        </View>
      ) : (
        <Notice tone="info">家庭医生还没有为您建立随访计划，您也可以先填写一次随访。</Notice>
      )}
      <View className="stack">
        <Btn big icon="check" onClick={() => Taro.navigateTo({ url: paths.healthFollowUp })}>
          填写随访
        </Btn>
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.healthPrescriptions })}>
          我的长处方和续方
        </Btn>
      </View>
      {replied?.reply ? (
        <View className="card mt">
          <View className="h3">医生的建议</View>
          <View className="text-lg">{replied.reply.advice}</View>
          <View className="text soft">
            <Whole>
              {replied.reply.doctorName}，{formatDateTime(replied.reply.at)}
            </Whole>
          </View>
        </View>
      ) : null}
      <View className="section-title">我的测量记录</View>
      {hasTrend ? (
        <View>
          <TrendChart measure="systolic" points={t.systolic ?? []} pair={t.diastolic} />
          <TrendChart measure="glucose" points={t.glucose ?? []} />
          <TrendChart measure="pulse" points={t.pulse ?? []} />
          <TrendChart measure="weight" points={t.weight ?? []} />
        </View>
      ) : (
        <Empty text="还没有测量记录。填写随访后，这里会显示最近 12 次的变化。" />
      )}
    </View>
  );
}
