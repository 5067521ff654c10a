import { useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { addDays, beijingDate } from '@domain';
import { messagingApi, type ThreadRef } from '../../../api/messaging';
import { loadSession } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { CheckChoice } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { useFormSend } from '../../../lib/form';
import { callPhone } from '../../../lib/phone';
import { useRemote } from '../../../lib/remote';
import { ThreadView } from '../components/ThreadView';
import '../components/thread.scss';

const statusLabels = { waiting: '等待医生回复', answered: '医生已回复', closed: '已结束' } as const;

/** One consultation: its state, the messages, and for the doctor a follow-up item or a booking link. */
export default function Consultation() {
  const { params } = useRouter();
  const me = loadSession()?.me;
  const familyId = params.familyId ?? me?.familyId ?? '';
  const consultationId = params.consultationId ?? '';
  const doctor = me?.role === 'doctor';
  const thread = useMemo<ThreadRef>(() => ({ kind: 'consultation', familyId, consultationId }), [familyId, consultationId]);
  const { state, reload } = useRemote(() => messagingApi.consultation(familyId, consultationId));
  const [booking, setBooking] = useState(false);
  // The family's own designated institution, as the server names it for an urgent consultation.
  const greenChannel = state.status === 'ready' ? state.data.consultation.emergency : undefined;
  const [followUp, setFollowUp] = useState('');
  const closing = useFormSend();

  const close = () =>
    closing.send(async () => {
      await messagingApi.closeConsultation(familyId, consultationId);
      await reload(true);
    });
  const inWeek = () => addDays(beijingDate(new Date()), 7);

  return (
    <View className="page">
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="card">
            <View className="h2">{state.data.consultation.subject}</View>
            <View className="text">
              {statusLabels[state.data.consultation.status]}
              {state.data.consultation.overdue ? '（已超过 24 小时未回复）' : ''}
            </View>
            <View className="text soft">医生：{state.data.consultation.doctorName}</View>
          </View>
          {state.data.consultation.urgent ? (
            <Notice tone="error">
              <View className="h3">急症请马上打 120</View>
              <View className="stack">
                <Btn kind="call" icon="phone" onClick={() => void callPhone('120')}>
                  打 120 急救电话
                </Btn>
                {greenChannel?.greenChannelPhone ? (
                  <Btn kind="secondary" icon="phone" onClick={() => void callPhone(greenChannel.greenChannelPhone ?? '')}>
                    {greenChannel.hospitalName}绿色通道
                  </Btn>
                ) : null}
              </View>
            </Notice>
          ) : null}
          {doctor && state.data.consultation.status !== 'closed' ? (
            <View className="card">
              {/* Said outright: above the conversation these read as settings of the page, not of the reply. */}
              <View className="h3">回复时可以一起发送</View>
              <CheckChoice checked={booking} onChange={setBooking}>
                附上预约挂号的入口
              </CheckChoice>
              <TextField id="consult-follow-up" label="转为随访事项（可不填）" hint="例如：一周后复查血糖" value={followUp} maxlength={100} onInput={setFollowUp} />
            </View>
          ) : null}
          <ThreadView
            thread={thread}
            side={doctor ? 'staff' : 'family'}
            subscribe={doctor ? ['message.new'] : ['consultation.reply']}
            extras={() => ({ ...(booking ? { suggestBooking: true } : {}), ...(followUp.trim() ? { followUp: { summary: followUp.trim(), dueBy: inWeek() } } : {}) })}
            onSent={() => {
              setBooking(false);
              setFollowUp('');
              void reload(true);
            }}
            closedNotice={state.data.consultation.status === 'closed' && !doctor ? '这次咨询已结束。如有新问题，请回到上一页发起新的咨询。' : undefined}
          />
          {!doctor && state.data.consultation.status !== 'closed' ? (
            <View className="mt">
              {closing.failure ? <Notice tone="error">{closing.failure}</Notice> : null}
              <Btn kind="secondary" busy={closing.busy} onClick={() => void close()}>
                问题已解决，结束咨询
              </Btn>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
