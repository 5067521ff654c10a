import { View } from '@tarojs/components';
import { formatChineseDate, readingRanges, type Measure, type TrendPoint } from '@domain';
import './TrendChart.scss';

const shortDate = (iso: string) => formatChineseDate(iso);

/**
 * The last readings of one measure as horizontal bars drawn with views (no chart library, and it
 * renders the same on WeChat and H5): one row per reading, date on the left, the number written out
 * large on the right, so nobody has to read a value off an axis. A reading beyond the safe limits
 * says 偏高/偏低 in words next to its number; the bar colour only repeats that.
 */
export function TrendChart({ measure, points, pair }: { measure: Measure; points: TrendPoint[]; pair?: TrendPoint[] }) {
  const range = readingRanges[measure];
  if (points.length === 0) return null;
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // Bars start a little below the lowest value so differences show, and never vanish.
  const floor = Math.max(range.min, lo - (hi - lo || hi * 0.1));
  const width = (v: number) => `${Math.round(30 + (70 * (v - floor)) / Math.max(hi - floor, 1e-6))}%`;
  const title = measure === 'systolic' && pair ? '血压' : range.label;
  const unit = range.unit;
  return (
    <View className="trend card" role="group" aria-label={`${title}最近 ${points.length} 次`}>
      <View className="h3">
        {title}（{unit}），最近 {points.length} 次
      </View>
      {points
        .map((p, i) => ({ p, low: pair?.[i] }))
        .reverse()
        .map(({ p, low }) => (
          <View className="trend__row" key={p.at}>
            <View className="trend__date">{shortDate(p.at)}</View>
            <View className="trend__track" aria-hidden>
              <View className={`trend__bar${p.urgent ? ' trend__bar--urgent' : ''}`} style={{ width: width(p.value) }} />
            </View>
            <View className={`trend__value${p.urgent ? ' trend__value--urgent' : ''}`}>
              {low ? `${p.value}/${low.value}` : p.value}
              {p.urgent ? ' 异常' : ''}
            </View>
          </View>
        ))}
    </View>
  );
}
