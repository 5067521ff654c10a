import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Btn } from '../../../components/Btn';
import { paths } from '../../../lib/routes';
import { roleLabels, SERVICE_CARD } from '@domain';
import { LogoutButton } from '../../../components/LogoutButton';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';

/** Hospital green-channel staff: who they are, and the way into the green channel's day. */
export default function Hospital() {
  const { state, reload } = useRemote(requireMe);
  return (
    <View className="page">
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="card">
            <View className="badge">{roleLabels[state.data.role]}</View>
            <View className="h1">{state.data.name}</View>
            {state.data.title ? <View className="text-lg">{state.data.title}</View> : null}
            <View className="text-lg">{state.data.organisation ?? '所属医院未登记'}</View>
          </View>
          <Notice tone="info">
            <View className="text">在这里核验计划生育特殊家庭的{SERVICE_CARD}，查看今天来本院的优先就医名单。</View>
          </Notice>
          <Btn big icon="scan" onClick={() => Taro.navigateTo({ url: paths.greenChannelToday })}>
            打开今天的优先就医名单
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.hospitalWalkIn })}>
            窗口接待（没有预约的持卡人）
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.hospitalAdmissions })}>
            住院床位申请
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.hospitalSchedule })}>
            本院排班和停诊
          </Btn>
          <LogoutButton />
        </View>
      ) : null}
    </View>
  );
}
