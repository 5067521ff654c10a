import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { actingMessages, formatChineseDate, periodLabels, type BookingView } from '@domain';
import { actingApi } from '../../../api/acting';
import { bookingApi } from '../../../api/booking';
import { ApiFailure } from '../../../api/errors';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';

/** An upcoming booking of the family, with who booked it for them and a way to move or cancel it for them. */
function BookingLine({ b, busy, onReschedule, onCancel }: { b: BookingView; busy: boolean; onReschedule: () => void; onCancel: () => void }) {
  return (
    <View className="card">
      <View className="status-line">{b.statusLabel}</View>
      <View className="text-lg strong">
        {formatChineseDate(b.date)} {periodLabels[b.period]} {b.startsAt.slice(11, 16)}
      </View>
      <View className="text-lg">
        {b.memberName} · {b.institutionName}
        {b.departmentName}
      </View>
      {b.actedLabel ? <View className="text soft">{b.actedLabel}</View> : null}
      {b.canCancel ? (
        <>
          <Btn kind="secondary" icon="arrowRight" onClick={onReschedule}>
            代为改约
          </Btn>
          <Btn kind="secondary" busy={busy} onClick={onCancel}>
            代为取消这个预约
          </Btn>
        </>
      ) : null}
    </View>
  );
}

/**
 * 代办: a contact person (from the family list) or the signed doctor (from the member page) acts
 * for a family whose elders have no smartphone. The member's own pages open with `forFamily`;
 * every action is recorded with who acted, shown to the family and told to its members.
 */
export default function ActingHub() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const forMember = params.memberId;
  const { state, reload } = useRemote(
    async () => {
      await requireMe();
      if (!familyId) throw new ApiFailure('http', 404, '没有指明为哪户家庭代办，请从家庭列表进入');
      const [family, bookings] = await Promise.all([actingApi.family(familyId), bookingApi.mine(familyId)]);
      return { family, bookings: bookings.items.filter((b) => b.status === 'booked') };
    },
    { auto: false },
  );
  useDidShow(() => void reload(state.status === 'ready'));
  const form = useFormSend();

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const { family, bookings } = state.data;
  const q = { forFamily: familyId, forMember: forMember };
  const go = (url: string) => () => Taro.navigateTo({ url });

  const cancel = async (b: BookingView) => {
    if (await form.send(() => actingApi.cancel(familyId, b.bookingId))) void reload(true);
  };

  return (
    <View className="page">
      <View className="h1">为{family.familyName}代办</View>
      <View className="text-lg mb">
        {family.villageName}：{family.members.map((m) => `${m.name}（${m.relation}）`).join('、')}
      </View>
      {family.refused ? (
        <Notice tone="error" icon="tips">
          {actingMessages.refused}
        </Notice>
      ) : (
        <>
          <View className="text soft mb">您办的每一件事都会写明“由您代办”，这户家人在自己的页面和“谁查看了我家信息”里都能看到，用微信的家人也会收到通知。</View>
          <View className="stack">
            <Btn big icon="check" onClick={go(withQuery(paths.book, q))}>
              代为预约优先号
            </Btn>
            <Btn kind="secondary" icon="arrowRight" onClick={go(withQuery(paths.admission, q))}>
              代为申请住院床位
            </Btn>
            <Btn kind="secondary" icon="arrowRight" onClick={go(withQuery(paths.familyRequests, { forFamily: familyId }))}>
              代为提交诉求
            </Btn>
            <Btn kind="secondary" icon="arrowRight" onClick={go(withQuery(paths.faceSurvey, { familyId }))}>
              入户调查（本季度回访）
            </Btn>
          </View>
          {form.failure ? (
            <Notice tone="error" icon="tips">
              {form.failure}
            </Notice>
          ) : null}
          <View className="h2 mt">这户的预约</View>
          {bookings.length === 0 ? <View className="text soft">目前没有未就诊的预约。</View> : null}
          {bookings.map((b) => (
            <BookingLine
              key={b.bookingId}
              b={b}
              busy={form.busy}
              onReschedule={go(withQuery(paths.reschedule, { bookingId: b.bookingId, forFamily: familyId }))}
              onCancel={() => void cancel(b)}
            />
          ))}
        </>
      )}
    </View>
  );
}
