import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { addDays, beijingDate, contactTypeLabels, ContactType, type ContactRecordRequest } from '@domain';
import { isH5 } from '../../../api/config';
import { ledgerApi } from '../../../api/ledger';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { useFormSend } from '../../../lib/form';
import '../ledger.scss';

const dayOptions = [
  { value: '0', label: '今天' },
  { value: '1', label: '昨天' },
  { value: '2', label: '前天' },
] as const;

function Note({ label, value, onInput }: { label: string; value: string; onInput: (v: string) => void }) {
  return (
    <View className="field">
      <View className="field__label">{label}（可不填）</View>
      <Textarea
        className="textarea"
        value={value}
        maxlength={500}
        onInput={(e) => onInput(e.detail.value)}
        // Taro's H5 textarea does not pass aria props through; the native element needs the label.
        nativeProps={isH5 ? { 'aria-label': label } : undefined}
      />
    </View>
  );
}

/**
 * Recording a contact in a few taps: how (one of five), when (today by default), and optional
 * notes. What was typed stays on screen if saving fails; the same request id makes a repeated
 * tap record it once.
 */
export default function RecordContact() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const familyName = decodeURIComponent(params.name ?? '');
  const [type, setType] = useState<ContactType | null>(null);
  const [daysAgo, setDaysAgo] = useState<'0' | '1' | '2'>('0');
  const [notes, setNotes] = useState({ health: '', mood: '', needs: '' });
  const [followUp, setFollowUp] = useState(false);
  const form = useFormSend();
  const [requestId] = useState(() => `rc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);

  const save = async () => {
    if (!type) return form.refuse({}, '请先选择联系方式');
    const body: ContactRecordRequest = {
      type,
      date: addDays(beijingDate(new Date()), -Number(daysAgo)),
      health: notes.health.trim() || undefined,
      mood: notes.mood.trim() || undefined,
      needs: notes.needs.trim() || undefined,
      followUp,
    };
    // A second tap before the page closes resends the same request id: recorded once.
    if (await form.send(() => ledgerApi.recordContact(familyId, body, requestId))) {
      await Taro.showToast({ title: '已记录', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    }
  };

  return (
    <View className="page">
      <View className="h1">记录联系</View>
      {familyName ? <View className="text-lg mb">{familyName}</View> : null}
      <View className="field">
        <View className="field__label">联系方式</View>
        <RadioChoices label="联系方式" value={type} onChange={setType} options={ContactType.options.map((t) => ({ value: t, label: contactTypeLabels[t] }))} />
      </View>
      <View className="field">
        <View className="field__label">哪一天</View>
        <RadioChoices label="哪一天" value={daysAgo} onChange={setDaysAgo} options={dayOptions.map((o) => ({ value: o.value, label: o.label }))} />
      </View>
      <Note label="身体情况" value={notes.health} onInput={(v) => setNotes({ ...notes, health: v })} />
      <Note label="心理状况" value={notes.mood} onInput={(v) => setNotes({ ...notes, mood: v })} />
      <Note label="诉求" value={notes.needs} onInput={(v) => setNotes({ ...notes, needs: v })} />
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
