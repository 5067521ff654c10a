import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { RequestCategory, requestCategoryLabels, REQUEST_DEFAULT_DUE_DAYS } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { actingApi } from '../../../api/acting';
import { requestsApi } from '../../../api/requests';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { RequestCard } from '../timeline';

const newRequestId = () => `rq-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * 我的诉求: a family raises a request in two steps (what kind, what is needed) and follows every
 * step of each one. A contact person reaches the same page with `?familyId=…` to raise one for
 * the family. What was typed stays if sending fails; one request id per draft sends it once.
 */
export default function FamilyRequests() {
  const { params } = useRouter();
  // `forFamily`: staff raising it on the family's behalf (代办), stamped and told to the family.
  const forFamily = params.forFamily;
  const [familyId, setFamilyId] = useState<string>(forFamily ?? params.familyId ?? '');
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const id = forFamily ?? params.familyId ?? me.familyId;
    if (!id) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    setFamilyId(id);
    // Doctors raise a request for the family but do not follow its requests (contacts do).
    if (forFamily && me.role === 'doctor') return { today: '', items: [] };
    return requestsApi.family(id);
  });
  const [category, setCategory] = useState<RequestCategory | null>(null);
  const [text, setText] = useState('');
  const form = useFormSend();
  // Stays on the page (a toast is gone before an elderly user has read it).
  const [sent, setSent] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);

  const send = async () => {
    if (!category) return form.refuse({ category: '请先选择是哪方面的事' });
    if (text.trim().length < 2) return form.refuse({ text: '请写一写需要帮什么忙' });
    setSent(false);
    const body = { category, text: text.trim() };
    const raised = await form.send(() => (forFamily ? actingApi.raise(forFamily, body, requestId) : requestsApi.raise(familyId, body, requestId)));
    if (!raised) return;
    setSent(true);
    setCategory(null);
    setText('');
    setRequestId(newRequestId());
    await reload();
  };

  return (
    <View className="page">
      <View className="h1">{forFamily ? '代为提交诉求' : '我的诉求'}</View>
      <View className="text-lg soft mb">有困难请告诉我们，联系人会在 {REQUEST_DEFAULT_DUE_DAYS} 天内给您答复。</View>
      <View className="field">
        <View className="field__label">是哪方面的事</View>
        <RadioChoices id="request-category" error={form.errors.category} label="是哪方面的事" value={category} onChange={setCategory} options={RequestCategory.options.map((c) => ({ value: c, label: requestCategoryLabels[c] }))} />
      </View>
      <TextArea id="request-text" label="需要帮什么忙" hint="写清楚就行，不用太长" value={text} error={form.errors.text} maxlength={500} onInput={setText} />
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      {sent ? <Notice tone="ok">已提交，联系人会尽快答复。办理进展在下面“提过的诉求”里。</Notice> : null}
      <Btn big icon="check" busy={form.busy} busyText="正在提交…" onClick={() => void send()}>
        提交诉求
      </Btn>
      <View className="h2 mt">提过的诉求</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' && state.data.items.length === 0 ? <Empty text="还没有提过诉求。" /> : null}
      {state.status === 'ready' ? state.data.items.map((r) => <RequestCard request={r} key={r.requestId} />) : null}
    </View>
  );
}
