import { View } from '@tarojs/components';
import { cadenceLabels, type DoubleSigningSection, doubleSigningTexts, percent, tierCadence, tierGapText, tierLabels, tierNowLabels } from '@domain';

import './DoubleSigningFigures.scss';

const NB = '\u00a0';

/**
 * The 双签约 section of the report page and the dashboard: per tier (village weekly, township monthly, county quarterly) how
 * many programme members have a responsible doctor and how many of the due visits or calls were
 * made, then each member and tier not served, with the doctor responsible (or that there is none).
 */
export function DoubleSigningFigures({ d }: { d: DoubleSigningSection }) {
  const members = d.total[0]?.members ?? 0;
  return (
    <View className="card">
      <View className="h2">{doubleSigningTexts.heading}</View>
      {members === 0 ? <View className="text">本期没有纳入“双签约”的对象。</View> : null}
      {members > 0
        ? d.total.map((f) => (
            <View className="dsf__row" key={f.tier}>
              <View className="text-lg">
                {tierLabels[f.tier]}，{cadenceLabels[tierCadence(f.tier)]}
              </View>
              <View className="text dsf__words">
                应随访{NB}{f.periods}{NB}人次，已随访{NB}{f.served}{NB}人次（{percent(f.served, f.periods)}%）；{tierNowLabels[f.tier]}已随访{NB}{f.servedNow}
                {NB}/{NB}{f.members}{NB}人；有责任医生{NB}{f.withResponsible}{NB}人；未落实{NB}{f.membersWithGaps}{NB}人
              </View>
            </View>
          ))
        : null}
      {d.gaps.length > 0 ? (
        <View className="dsf__row">
          <View className="text-lg">三级随访未落实（{d.gaps.length}）</View>
          {d.gaps.map((g) => (
            <View className="text dsf__name" key={`${g.memberId}-${g.tier}`}>
              {g.memberName}（{g.townshipName}
              {g.villageName}），{tierLabels[g.tier]}：{tierGapText(g)}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
