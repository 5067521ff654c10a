import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PROBLEM_FAMILIES_MAX, type DashboardResponse } from '@domain';
import { problemsApi } from '../../../api/problems';
import { Btn } from '../../../components/Btn';
import { RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';

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

/**
 * A gap raised as a problem in one tap: the families not contacted for 14 days, per township,
 * open the problem form filled in (township, kind, what is wrong, the families behind it).
 */
export function RaiseStaleGap({ d }: { d: DashboardResponse }) {
  const byTownship = new Map<string, DashboardResponse['stale']>();
  for (const s of d.stale) byTownship.set(s.townshipName, [...(byTownship.get(s.townshipName) ?? []), s]);
  return (
    <>
      {[...byTownship].map(([townshipName, families]) => {
        const townshipId = d.townships.find((t) => t.townshipName === townshipName)?.townshipId;
        if (!townshipId) return null;
        const named = families.slice(0, PROBLEM_FAMILIES_MAX);
        const url = withQuery(paths.problemEdit, {
          townshipId,
          area: 'visits',
          gap: 'contacts.stale14',
          description: `${families.length} 户家庭 14 天以上未联系：${named.map((f) => f.familyName).join('、')}`,
          familyIds: named.map((f) => f.familyId).join(','),
          familyNames: named.map((f) => f.familyName).join(','),
        });
        return (
          <Btn key={townshipName} kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url })}>
            {`列入问题台账：${townshipName} ${families.length} 户`}
          </Btn>
        );
      })}
    </>
  );
}
