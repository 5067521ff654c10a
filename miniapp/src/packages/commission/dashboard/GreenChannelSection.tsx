import { View } from '@tarojs/components';
import { fenToYuan, walkInPriorities, priorityCounter, type GreenChannelCounts, type GreenChannelSection as Section } from '@domain';

/** One row of figures, in sentences: the numbers are read, not scanned across a wide table. */
function Figures({ f }: { f: GreenChannelCounts }) {
  const given = walkInPriorities.map((p) => `${p} ${f[priorityCounter[p]]}`).join('，');
  return (
    <>
      <View className="text">
        就诊 {f.visitsBooked + f.visitsWalkIn} 人次（预约 {f.visitsBooked}，窗口直接 {f.visitsWalkIn}）
      </View>
      <View className="text">优先服务：{given}</View>
      <View className="text">
        陪诊 {f.escorts} 人次，轮椅 {f.wheelchairs} 人次，先诊疗后付费 {f.payLater} 人次
      </View>
      <View className="text">
        减免 {f.reductionVisits} 人次，共 {fenToYuan(f.reductionFen)} 元
      </View>
      <View className="text">
        住院 {f.admissions} 人次（优先安排床位 {f.priorityBeds}，急诊无亲属 {f.emergencyAdmissions}）
      </View>
    </>
  );
}

/**
 * 绿色通道: a month's (or the report's period's, named by `period`) visits, priorities, escorts,
 * reductions and beds per institution and township.
 */
export function GreenChannelSection({ g, period = '本月' }: { g: Section; period?: string }) {
  return (
    <View className="card" id="green-channel">
      <View className="h2">{period}绿色通道</View>
      {g.institutions.length === 0 ? <View className="text">{period}还没有绿色通道就诊记录。</View> : <Figures f={g.total} />}
      {g.institutions.length > 0 ? <View className="h3 dash-sect">按医疗机构</View> : null}
      {g.institutions.map((r) => (
        <View className="msgstats" key={r.id} data-institution={r.id}>
          <View className="text-lg">{r.name}</View>
          <Figures f={r.figures} />
        </View>
      ))}
      {g.townships.length > 1 ? <View className="h3 dash-sect">按患者所在乡镇</View> : null}
      {g.townships.length > 1
        ? g.townships.map((r) => (
            <View className="msgstats" key={r.id} data-township={r.id}>
              <View className="text-lg">{r.name}</View>
              <Figures f={r.figures} />
            </View>
          ))
        : null}
    </View>
  );
}
