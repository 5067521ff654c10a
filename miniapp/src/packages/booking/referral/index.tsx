import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, periodLabels, ReferralRequest, type BookingView } from '@domain';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { CheckChoice } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { formErrors, useFormSend } from '../../../lib/form';
import { paths } from '../../../lib/routes';
import { useSessionPicker } from '../components/SessionPicker';
import '../booking.scss';

const DAYS_SHOWN = 14;

/** What the doctor sees after referring: the place booked, so they can tell the member on the phone too. */
function Referred({ b }: { b: BookingView }) {
  return (
    <View className="page booking">
      <Notice tone="ok">
        <View className="h2">转诊预约成功</View>
        <View className="text">已通过微信通知 {b.memberName} 的家人。</View>
      </Notice>
      <View className="card">
        <View className="detail"><View className="detail__label">就诊人</View><View>{b.memberName}</View></View>
        <View className="detail"><View className="detail__label">时间</View><View>{formatChineseDate(b.date)} {periodLabels[b.period]} {b.startsAt.slice(11, 16)}</View></View>
        <View className="detail"><View className="detail__label">地点</View><View>{b.institutionName}{b.departmentName} · {b.place}</View></View>
        <View className="detail"><View className="detail__label">接诊医生</View><View>{b.doctorName}</View></View>
        <View className="detail"><View className="detail__label">接待</View><View>{b.meetBy}</View></View>
        <View className="detail"><View className="detail__label">请带上</View><View>{b.bring.join('、')}</View></View>
      </View>
      <Btn big icon="arrowRight" onClick={() => Taro.redirectTo({ url: paths.doctorMembers })}>
        回到我的签约居民
      </Btn>
    </View>
  );
}

/**
 * The signed family doctor books a priority place for a member (转诊): institution → department →
 * day → session, the reason, and what help is needed. The choices stay on screen whatever the
 * server answers; a retried tap carries the same Idempotency-Key, so it cannot book twice.
 */
export default function Referral() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const memberId = params.memberId ?? '';
  const memberName = params.memberName ? decodeURIComponent(params.memberName) : '这位居民';
  const { state, reload } = useRemote(async () => {
    await requireMe();
    if (!familyId || !memberId) throw new Error('请从签约居民名单进入转诊');
    return (await bookingApi.institutions()).items;
  });
  const [reason, setReason] = useState('');
  const [escort, setEscort] = useState(false);
  const [wheelchair, setWheelchair] = useState(false);
  const { busy, errors, failure: error, refuse, send } = useFormSend();
  const [done, setDone] = useState<BookingView | null>(null);
  const key = useRef(newRequestKey());
  const picker = useSessionPicker({ institutions: state.status === 'ready' ? state.data : [], days: DAYS_SHOWN });

  if (done) return <Referred b={done} />;
  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const { chosen, institutionId } = picker;

  const submit = async () => {
    if (!institutionId || !chosen) return refuse({}, '请先选好医院、科室、日期和时段');
    const parsed = ReferralRequest.safeParse({ familyId, memberId, institutionId, sessionId: chosen.sessionId, reason: reason.trim(), needsEscort: escort, needsWheelchair: wheelchair });
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    const referred = await send(async () => {
      setDone(await bookingApi.refer(parsed.data, key.current));
    });
    if (!referred) picker.reload();
  };

  return (
    <View className="page booking">
      <View className="h1">为{memberName}转诊预约</View>
      <View className="text soft mb">在定点医院为签约居民预约优先号，预约成功后会通知居民家里。</View>
      {picker.element}
      {chosen ? (
        <View className="card">
          <View className="h3">5. 转诊原因和需要的帮助</View>
          <TextArea id="referral-reason" label="转诊原因" hint="接诊医院会看到" value={reason} error={errors.reason} maxlength={200} onInput={setReason} />
          <CheckChoice checked={escort} onChange={setEscort}>需要陪诊（有人陪同看病）</CheckChoice>
          <CheckChoice checked={wheelchair} onChange={setWheelchair}>需要轮椅</CheckChoice>
        </View>
      ) : null}
      {error ? <Notice tone="error"><View className="text" role="alert">{error}</View></Notice> : null}
      {chosen ? (
        <Btn big icon="check" busy={busy} busyText="正在预约…" onClick={() => void submit()}>
          确认转诊预约
        </Btn>
      ) : null}
    </View>
  );
}
