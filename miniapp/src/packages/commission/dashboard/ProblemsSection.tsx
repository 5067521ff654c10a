import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { DashboardResponse } from '@domain';
import { problemsApi } from '../../../api/problems';
import { Btn } from '../../../components/Btn';
import { RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import { RaiseProblem } from '../../../components/RaiseProblem';

/** The problem ledger on the dashboard: how many are open and overdue, one tap to the list. */
export function ProblemsSection() {
  const { state, reload } = useRemote(() => problemsApi.list());
  return (
    <View className="card">
      <View className="h2">问题台账（整改）</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <>
          <View className="text-lg">
            整改中 {state.data.counts.open} 件，已整改 {state.data.counts.rectified} 件
          </View>
          <View className={state.data.counts.overdue > 0 ? 'text-lg strong' : 'text-lg'}>
            已过整改时限 {state.data.counts.overdue} 件{state.data.counts.overdue > 0 ? '（请督办）' : ''}
          </View>
        </>
      ) : null}
      <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: paths.problems })}>
        查看问题台账
      </Btn>
    </View>
  );
}

/** The families not contacted for 14 days, per township, raised as a problem in one tap. */
export function RaiseStaleGap({ d }: { d: DashboardResponse }) {
  return (
    <>
      {d.townships.map((t) => (
        <RaiseProblem key={t.townshipId} townshipId={t.townshipId} townshipName={t.townshipName} area="visits" gap="contacts.stale14" what="14 天以上未联系" families={d.stale.filter((s) => s.townshipName === t.townshipName)} />
      ))}
    </>
  );
}
