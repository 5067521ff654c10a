import { View } from '@tarojs/components';
import { reportApi } from '../../../api/report';
import { DoubleSigningFigures } from '../../../components/DoubleSigningFigures';
import { RemoteStatus } from '../../../components/PageState';
import { useRemote } from '../../../lib/remote';

/**
 * The double-signing tiers on the dashboard, this month to today: loaded apart from the coverage
 * counters (it reads the region's members), so the rest of the dashboard never waits for it.
 */
export function DoubleSigningSection() {
  const { state, reload } = useRemote(() => reportApi.doubleSigning());
  if (state.status !== 'ready') {
    return (
      <View className="card">
        <RemoteStatus state={state} reload={reload} />
      </View>
    );
  }
  return <DoubleSigningFigures d={state.data} />;
}
