import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { CreateConsultationRequest, TRIAGE_QUESTION, type AttachmentRef } from '@domain';
import { bookingApi } from '../../../api/booking';
import { messagingApi, randomId } from '../../../api/messaging';
import { loadSession } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { callPhone } from '../../../lib/phone';
import { handleFailure, useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { uploadFile } from '../components/upload';
import '../components/thread.scss';
import { Whole } from '../../../components/Whole';

/**
 * A member asks the family doctor. The triage question comes first: a "yes" shows 120 and the
 * designated hospital's green-channel phone at once, before anything else, and the consultation is
 * sent as urgent. The consultation's id is made here, so photos are bound to it before it exists
 * and a retried submit cannot open a second one.
 */
export default function NewConsultation() {
  const familyId = loadSession()?.me.familyId ?? '';
  const consultationId = useRef(`q_${randomId(16)}`).current;
  const [urgent, setUrgent] = useState<'yes' | 'no' | null>(null);
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Array<AttachmentRef & { preview: string }>>([]);
  const form = useFormSend();
  // The family's township's designated institution: its green channel is offered next to 120.
  const { state: institutions } = useRemote(() => bookingApi.institutions());
  const designated = institutions.status === 'ready' ? institutions.data.designated : undefined;
  const thread = { kind: 'consultation' as const, familyId, consultationId };

  const addPhotos = () => {
    void (async () => {
      let chosen: Taro.chooseImage.SuccessCallbackResult;
      try {
        chosen = await Taro.chooseImage({ count: 9 - photos.length, sizeType: ['compressed'] });
      } catch (err) {
        // Closing the photo picker is not a failure.
        if (!(err as { errMsg?: string }).errMsg?.includes('cancel')) form.refuse({}, handleFailure(err));
        return;
      }
      await form.send(async () => {
        const refs = await Promise.all(
          chosen.tempFiles.map(async (f) => ({ ...(await uploadFile(thread, { path: f.path, size: f.size, type: (f as { originalFileObj?: File }).originalFileObj?.type })), preview: f.path })),
        );
        setPhotos((p) => [...p, ...refs]);
      });
    })();
  };

  const submit = () => {
    void requestSubscriptions(['consultation.reply']);
    if (!urgent) return form.refuse({ urgent: '请先回答上面的问题' });
    // Plainer words than the schema's for the two boxes left empty.
    if (!subject.trim()) return form.refuse({ subject: '请写一下想问什么（主题）' });
    if (!description.trim()) return form.refuse({ description: '请把情况说一说' });
    const parsed = CreateConsultationRequest.safeParse({ consultationId, subject: subject.trim(), description, urgentSymptoms: urgent === 'yes', attachments: photos.map(({ key }) => ({ key })) });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    void form.send(async () => {
      await messagingApi.createConsultation(familyId, parsed.data);
      await Taro.redirectTo({ url: withQuery(paths.consultation, { familyId, consultationId }) });
    });
  };

  return (
    <View className="page">
      <View className="card">
        <View className="h2">{TRIAGE_QUESTION}</View>
        <RadioChoices<'yes' | 'no'>
          id="consult-urgent"
          error={form.errors.urgent}
          label={TRIAGE_QUESTION}
          value={urgent}
          onChange={setUrgent}
          options={[
            { value: 'yes', label: '有' },
            { value: 'no', label: '没有' },
          ]}
        />
      </View>
      {urgent === 'yes' ? (
        <Notice tone="error">
          <View className="h2">请马上打 120 急救电话</View>
          <View className="text">{designated ? `不要等医生在线回复。也可以打${designated.name}绿色通道电话。` : '不要等医生在线回复。'}</View>
          <View className="stack mt">
            <Btn big kind="call" icon="phone" onClick={() => void callPhone('120')}>
              打 120
            </Btn>
            {designated ? (
              <Btn kind="secondary" icon="phone" onClick={() => void callPhone(designated.greenChannelPhone)}>
                {/* One block, so the button's flex row keeps the label together and the number whole. */}
                <View>
                  <Whole>打绿色通道 {designated.greenChannelPhone}</Whole>
                </View>
              </Btn>
            ) : null}
          </View>
        </Notice>
      ) : null}
      <View className="card">
        <TextField id="consult-subject" label="想问什么（主题）" hint="例如：血压偏高" value={subject} error={form.errors.subject} maxlength={50} onInput={setSubject} />
        <TextArea id="consult-description" label="说说情况" hint="哪里不舒服，多久了，吃了什么药" value={description} error={form.errors.description} maxlength={1000} onInput={setDescription} />
        <View className="text soft">已添加 {photos.length} 张图片（可拍药盒、皮肤等）</View>
        <Btn kind="secondary" busy={form.busy} onClick={addPhotos}>
          添加图片
        </Btn>
      </View>
      {form.failure ? (
        <View className="field__error" role="alert">
          {form.failure}
        </View>
      ) : null}
      <Btn big busy={form.busy} busyText="正在提交…" onClick={submit}>
        发给家庭医生
      </Btn>
    </View>
  );
}
