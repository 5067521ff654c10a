import { View } from '@tarojs/components';
import { roleLabels } from '@domain';
import { LogoutButton } from '../../../components/LogoutButton';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';

/**
 * Hospital green-channel staff have nothing to act on until booking and card verification ship;
 * the page says who they are and what is coming, and promises nothing else.
 */
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
            <View className="h3">今天的优先就医名单还没有开通</View>
            <View className="text">
              预约就医功能上线后，这里会显示来本院就诊的计划生育特殊家庭名单，并可以扫描就医服务卡核验。现在请按原有方式为持卡人提供优先服务。
            </View>
          </Notice>
          <LogoutButton />
        </View>
      ) : null}
    </View>
  );
}
