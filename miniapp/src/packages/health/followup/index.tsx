import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, View } from '@tarojs/components';
import { FollowUpRequest, glucoseTimingLabels, moodLabels, symptomLabels, type FollowUpResponse, type GlucoseTiming, type Mood, type Symptom } from '@domain';
import { followupsApi, newIdempotencyKey } from '../../../api/followups';
import { isH5 } from '../../../api/config';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { NumberField } from '../../../components/NumberField';
import { requireMe } from '../../../lib/guard';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { formErrors, useFormSend } from '../../../lib/form';
import { paths } from '../../../lib/routes';

type NumField = 'systolic' | 'diastolic' | 'pulse' | 'glucose' | 'weight' | 'missedDoses';
const toNumber = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

/**
 * The follow-up form for an elderly member: a few big number boxes, ticks for how they feel, one
 * button. What they typed stays on the page whatever happens; after sending, urgent readings get
 * plain steps at once (rest, measure again, call the doctor or 120). Sending also asks WeChat for
 * the next follow-up reminder (随访提醒), which the server schedules for the next due day.
 */
export default function FollowUpForm() {
  const [nums, setNums] = useState<Record<NumField, string>>({ systolic: '', diastolic: '', pulse: '', glucose: '', weight: '', missedDoses: '0' });
  const [timing, setTiming] = useState<GlucoseTiming | null>(null);
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [note, setNote] = useState('');
  const [mood, setMood] = useState<Mood | null>(null);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const [done, setDone] = useState<FollowUpResponse | null>(null);
  // One key per answer: a retry after a lost connection is not counted twice.
  const [key] = useState(newIdempotencyKey);

  const set = (f: NumField) => (v: string) => setNums((n) => ({ ...n, [f]: v }));
  const submit = async () => {
    // Inside the tap, before any await (WeChat asks only then): the next due reminder and the
    // doctor's reply to this answer are each one message the member agrees to here.
    void requestSubscriptions(['followup.due', 'consultation.reply']);
    const body = {
      readings: Object.fromEntries(
        Object.entries({ systolic: toNumber(nums.systolic), diastolic: toNumber(nums.diastolic), pulse: toNumber(nums.pulse), glucose: toNumber(nums.glucose), glucoseTiming: timing ?? undefined, weight: toNumber(nums.weight) }).filter(([, v]) => v !== undefined),
      ),
      symptoms,
      ...(note.trim() ? { symptomsNote: note.trim() } : {}),
      missedDoses: toNumber(nums.missedDoses) ?? 0,
      mood: mood ?? undefined,
    };
    const parsed = FollowUpRequest.safeParse(body);
    if (!parsed.success) {
      const fields = formErrors(parsed.error.issues);
      if (!mood) fields.mood = '请选择您这几天的心情';
      return refuse(fields, '有几项需要改一下，请看红色的提示');
    }
    await send(async () => {
      const me = await requireMe();
      setDone(await followupsApi.submit(me.familyId!, me.personId, parsed.data, key));
    });
  };

  if (done) {
    const urgent = done.followUp.urgent.length > 0;
    return (
      <View className="page">
        {urgent ? (
          <Notice tone="error">
            <View className="h2">您的读数超出了安全范围</View>
            {done.advice.map((step, i) => (
              <View className="text-lg mt" key={step}>
                {i + 1}. {step}
              </View>
            ))}
          </Notice>
        ) : (
          <Notice tone="ok">
            <View className="h2">已经交给医生了</View>
            <View className="text-lg">医生看过后会给您回复建议。</View>
          </Notice>
        )}
        <View className="stack mt">
          {urgent ? (
            <Btn big kind="call" icon="phone" onClick={() => Taro.makePhoneCall({ phoneNumber: '120' })}>
              拨打 120 急救电话
            </Btn>
          ) : null}
          <Btn kind={urgent ? 'secondary' : 'primary'} big={!urgent} icon="arrowRight" onClick={() => Taro.redirectTo({ url: paths.healthReadings })}>
            看我的测量记录
          </Btn>
        </View>
      </View>
    );
  }

  const err = (k: string) => errors[`readings.${k}`] ?? errors[k];
  return (
    <View className="page">
      <View className="h1">填写随访</View>
      <View className="text-lg soft mb">量好血压、血糖后填在下面。没有量的可以空着。</View>
      <NumberField id="fu-systolic" label="高压（收缩压）" hint="单位 mmHg，例如 130" value={nums.systolic} error={err('systolic')} onInput={set('systolic')} />
      <NumberField id="fu-diastolic" label="低压（舒张压）" hint="单位 mmHg，例如 80" value={nums.diastolic} error={err('diastolic')} onInput={set('diastolic')} />
      <NumberField id="fu-pulse" label="脉搏（次/分）" value={nums.pulse} error={err('pulse')} onInput={set('pulse')} />
      <NumberField id="fu-glucose" label="血糖（mmol/L）" hint="例如 6.5" decimal value={nums.glucose} error={err('glucose')} onInput={set('glucose')} />
      <View className="field">
        <View className="field__label">血糖是什么时候量的</View>
        <RadioChoices label="血糖是什么时候量的" value={timing} onChange={setTiming} options={(Object.keys(glucoseTimingLabels) as GlucoseTiming[]).map((v) => ({ value: v, label: glucoseTimingLabels[v] }))} />
        {err('glucoseTiming') ? <Notice tone="error">{err('glucoseTiming')}</Notice> : null}
      </View>
      <NumberField id="fu-weight" label="体重（公斤）" decimal value={nums.weight} error={err('weight')} onInput={set('weight')} />
      <View className="field">
        <View className="field__label">这几天有没有不舒服（可以选几项）</View>
        {(Object.keys(symptomLabels) as Symptom[]).map((s) => (
          <CheckChoice key={s} checked={symptoms.includes(s)} onChange={(on) => setSymptoms((list) => (on ? [...list, s] : list.filter((x) => x !== s)))}>
            {symptomLabels[s]}
          </CheckChoice>
        ))}
        <View className="field__label mt" id="fu-note-label">
          其他不舒服（可以不填）
        </View>
        <Input id="fu-note" className="field__input" value={note} maxlength={200} aria-label="其他不舒服" nativeProps={isH5 ? { 'aria-label': '其他不舒服' } : undefined} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <NumberField id="fu-missed" label="这周忘了吃药几次" hint="没有忘记就填 0" value={nums.missedDoses} error={err('missedDoses')} onInput={set('missedDoses')} />
      <View className="field">
        <View className="field__label">这几天心情怎么样</View>
        <RadioChoices label="这几天心情怎么样" value={mood} onChange={setMood} options={(Object.keys(moodLabels) as Mood[]).map((v) => ({ value: v, label: moodLabels[v] }))} />
        {errors.mood ? <Notice tone="error">{errors.mood}</Notice> : null}
      </View>
      {errors.readings ? <Notice tone="error">{errors.readings}</Notice> : null}
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Btn big icon="check" busy={busy} busyText="正在提交…" onClick={() => void submit()}>
        交给医生
      </Btn>
    </View>
  );
}
