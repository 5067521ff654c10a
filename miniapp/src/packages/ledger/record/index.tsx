import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { addDays, beijingDate, CONTACT_BACKDATE_DAYS, contactTypeLabels, ContactType, formatChineseDate, type ContactRecordRequest } from '@domain';
import { ledgerApi } from '../../../api/ledger';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { DateField } from '../../../components/DateTimeField';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { flash } from '../../../lib/flash';
import { useFormSend } from '../../../lib/form';
import '../ledger.scss';

/**
 * Recording a contact in a few taps: how (one of five), when (today by default; any day the server
 * takes, so last week's visits can be entered from paper notes), and optional notes. What was
 * typed stays on screen if saving fails; the same request id makes a repeated tap record it once.
 */
export default function RecordContact() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const familyName = decodeURIComponent(params.name ?? '');
  // Opened from an urgent task (今天去看望): a home visit recorded here closes the task.
  const taskId = params.taskId ? decodeURIComponent(params.taskId) : undefined;
  const [type, setType] = useState<ContactType | null>(taskId ? 'home_visit' : null);
  const today = beijingDate(new Date());
  const [date, setDate] = useState(today);
  const [notes, setNotes] = useState({ health: '', mood: '', needs: '' });
  const [followUp, setFollowUp] = useState(false);
  const form = useFormSend();
  const [requestId] = useState(() => `rc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);

  const save = async () => {
    if (!type) return form.refuse({ type: '请先选择联系方式' });
    const body: ContactRecordRequest = {
      type,
      date,
      health: notes.health.trim() || undefined,
      mood: notes.mood.trim() || undefined,
      needs: notes.needs.trim() || undefined,
      followUp,
      // Only a home visit answers the task; another kind of contact is recorded on its own.
      ...(taskId && type === 'home_visit' ? { taskId } : {}),
    };
    // A second tap before the page closes resends the same request id: recorded once.
    if (await form.send(() => ledgerApi.recordContact(familyId, body, requestId))) {
      flash(`已记录${body.taskId ? '看望' : ''}${familyName ? `：${familyName}` : ''}，${contactTypeLabels[type]}${date === today ? '' : `（${formatChineseDate(date)}）`}`);
      void Taro.navigateBack();
    }
  };

  return (
    <View className="page">
      <View className="h1">记录联系</View>
      {familyName ? <View className="text-lg mb">{familyName}</View> : null}
      {taskId ? (
        <Notice tone="info" icon="home">
          这是看望任务：记为“登门走访”保存后，任务就完成了。
        </Notice>
      ) : null}
      <View className="field">
        <View className="field__label">联系方式</View>
        <RadioChoices id="contact-type" error={form.errors.type} label="联系方式" value={type} onChange={setType} options={ContactType.options.map((t) => ({ value: t, label: contactTypeLabels[t] }))} />
      </View>
      <DateField id="contact-date" label="哪一天" hint={`补记以前的联系，可以改成 ${CONTACT_BACKDATE_DAYS} 天内的任何一天`} value={date} start={addDays(today, -CONTACT_BACKDATE_DAYS)} end={today} error={form.errors.date} onChange={setDate} />
      <TextArea id="contact-health" label="身体情况（可不填）" value={notes.health} error={form.errors.health} maxlength={500} onInput={(v) => setNotes({ ...notes, health: v })} />
      <TextArea id="contact-mood" label="心理状况（可不填）" value={notes.mood} error={form.errors.mood} maxlength={500} onInput={(v) => setNotes({ ...notes, mood: v })} />
      <TextArea id="contact-needs" label="诉求（可不填）" value={notes.needs} error={form.errors.needs} maxlength={500} onInput={(v) => setNotes({ ...notes, needs: v })} />
      <View className="field">
        <CheckChoice checked={followUp} onChange={setFollowUp}>
          需要后续跟进
        </CheckChoice>
      </View>
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      <Btn big icon="check" busy={form.busy} busyText="正在保存…" onClick={save}>
        保存记录
      </Btn>
    </View>
  );
}
