import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, periodLabels, SERVICE_CARD, type BookingView } from '@domain';
import { bookingApi } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Icon } from '../../../components/Icon';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { bookingPaths } from '../paths';
import '../booking.scss';
import { Whole } from '../../../components/Whole';

/**
 * Label/value pairs in two columns, the label column as wide as this card's longest label: one
 * column for the whole card, and no wider than needed, so at a large text size the values keep
 * room for a date or a place on a line.
 */
function Details({ rows }: { rows: Array<readonly [string, string] | null> }) {
  const shown = rows.filter((r): r is readonly [string, string] => r !== null);
  const labelEm = Math.max(...shown.map(([label]) => label.length)) + 0.6;
  return (
    <>
      {shown.map(([label, value]) => (
        <View className="detail" key={label}>
          <View className="detail__label" style={{ flexBasis: `${labelEm}em` }}>
            {label}
          </View>
          <View className="detail__value strong">{value}</View>
        </View>
      ))}
    </>
  );
}

/** The confirmation: when, where, what to bring, who meets them; cancel before the cut-off. */
export default function Confirmation() {
  const bookingId = Taro.getCurrentInstance().router?.params?.bookingId ?? '';
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    return bookingApi.booking(me.familyId ?? '', bookingId);
  }, { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [asking, setAsking] = useState(false);
  const { busy, failure: error, send } = useFormSend();

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const b: BookingView = state.data;

  const cancel = async () => {
    setAsking(false);
    await send(async () => {
      await bookingApi.cancel(b.familyId, b.bookingId);
      await reload(true);
    });
  };

  return (
    <View className="page booking">
      {b.status === 'booked' ? (
        <Notice tone="ok">
          <View className="status-line">预约成功</View>
          <View className="text">到医院后请出示{SERVICE_CARD}，工作人员会为您优先安排。</View>
        </Notice>
      ) : (
        <View className="card">
          <View className="status-line">
            <Icon name={b.status === 'checked_in' ? 'check' : 'tips'} />
            {b.statusLabel}
          </View>
          <Details
            rows={[
              b.checkedInAt ? ['签到时间', formatDateTime(b.checkedInAt)] : null,
              b.prioritiesGiven?.length ? ['已享受', b.prioritiesGiven.join('、')] : null,
              b.feeReductionYuan ? ['减免费用', `${b.feeReductionYuan} 元`] : null,
            ]}
          />
        </View>
      )}

      <View className="card">
        <View className="h2">{b.memberName}</View>
        <Details
          rows={[
            ['日期', `${formatChineseDate(b.date)} ${periodLabels[b.period]} ${b.startsAt.slice(11, 16)}`],
            ['医院', b.institutionName],
            ['科室', `${b.departmentName}，${b.doctorName}`],
            ['地点', b.place],
            ['接待', b.meetBy],
            b.needsEscort || b.needsWheelchair ? ['已安排', [b.needsEscort ? '陪诊' : '', b.needsWheelchair ? '轮椅' : ''].filter(Boolean).join('、')] : null,
            b.referredByName ? ['转诊医生', b.referredByName] : null,
            b.actedLabel ? ['代办', b.actedLabel] : null,
          ]}
        />
      </View>

      <View className="card">
        <View className="h3">请带好</View>
        {b.bring.map((x) => (
          <View className="priority text-lg" key={x}>
            <Icon name="check" />
            {x}
          </View>
        ))}
      </View>

      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}
      {b.canCancel ? (
        <View className="stack">
          <View className="text soft">
            <Whole>如不能前来，请在 {formatDateTime(b.cancelUntil)} 前取消，号源会让给其他需要的家庭。</Whole>
          </View>
          <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: `${bookingPaths.reschedule}?bookingId=${b.bookingId}` })}>
            改约到其他时间
          </Btn>
          <Btn kind="secondary" busy={busy} busyText="正在取消…" onClick={() => setAsking(true)}>
            取消这个预约
          </Btn>
        </View>
      ) : null}
      <View className="mt">
        <Btn kind="secondary" onClick={() => Taro.redirectTo({ url: bookingPaths.mine })}>
          查看我家的全部预约
        </Btn>
      </View>
      <ConfirmDialog
        open={asking}
        title="确定取消预约吗？"
        message={`${formatChineseDate(b.date)} ${b.institutionName}${b.departmentName}`}
        confirmText="确定取消"
        cancelText="不取消"
        onConfirm={() => void cancel()}
        onCancel={() => setAsking(false)}
      />
    </View>
  );
}
