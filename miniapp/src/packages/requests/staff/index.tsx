import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { isActiveRequest, requestStatusLabels, requestTransitions, type Me, type RequestEntry, type RequestStatus } from '@domain';
import { requestsApi } from '../../../api/requests';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { flash } from '../../../lib/flash';
import { useRemote } from '../../../lib/remote';
import { RequestCard } from '../timeline';

type Next = Exclude<RequestStatus, 'open'>;

/** Moving one request on: the next status in words, and what the family should read about it. */
function UpdateForm({ request, onDone }: { request: RequestEntry; onDone: () => Promise<unknown> }) {
  const [status, setStatus] = useState<Next | null>(null);
  const [note, setNote] = useState('');
  const [department, setDepartment] = useState('');
  const [reason, setReason] = useState('');
  const form = useFormSend();
  const options = requestTransitions[request.status].filter((s): s is Next => s !== 'open');

  const save = async () => {
    if (!status) return form.refuse({}, '请先选择办理结果');
    await form.send(async () => {
      await requestsApi.update(request.familyId, request.requestId, {
        status,
        version: request.version,
        note: note.trim() || undefined,
        department: status === 'referred' ? department.trim() || undefined : undefined,
        reason: status === 'declined' ? reason.trim() || undefined : undefined,
      });
      flash('已保存办理结果，家属会看到');
      await onDone();
    });
  };

  return (
    <View className="mt">
      <View className="field">
        <View className="field__label">办理结果</View>
        <RadioChoices label="办理结果" value={status} onChange={setStatus} options={options.map((s) => ({ value: s, label: requestStatusLabels[s] }))} />
      </View>
      {status === 'referred' ? <TextArea id={`${request.requestId}-department`} label="转交哪个部门" value={department} error={form.errors.department} maxlength={50} onInput={setDepartment} /> : null}
      {status === 'declined' ? <TextArea id={`${request.requestId}-reason`} label="不能办理的原因" hint="家属会看到这段话" value={reason} error={form.errors.reason} maxlength={300} onInput={setReason} /> : null}
      <TextArea id={`${request.requestId}-note`} label="办理说明（可不填）" hint="家属会看到这段话" value={note} error={form.errors.note} maxlength={300} onInput={setNote} />
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      <Btn icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存办理进度
      </Btn>
    </View>
  );
}

/**
 * Requests to handle: a contact person's own (soonest due first, overdue marked in words), a
 * township leader's overdue ones in the township, a commission officer's long-overdue ones.
 */
export default function StaffRequests() {
  const [me, setMe] = useState<Me | null>(null);
  const [view, setView] = useState<'mine' | 'escalated'>('mine');
  const viewRef = useRef<'mine' | 'escalated'>('mine');
  const [open, setOpen] = useState<string | null>(null);
  const { state, reload } = useRemote(async () => {
    const who = await requireMe();
    setMe(who);
    if (who.role === 'commission') return requestsApi.commission();
    return requestsApi.staff(viewRef.current);
  });
  const switchTo = (v: 'mine' | 'escalated') => {
    viewRef.current = v;
    setView(v);
    void reload();
  };
  const township = me?.role === 'contact' && me.contactLevel === 'township';
  const title = me?.role === 'commission' ? '超期较久的诉求' : view === 'mine' ? '交给我办理的诉求' : '本乡镇超期的诉求';

  return (
    <View className="page">
      <FlashNotice />
      <View className="h1">{title}</View>
      {township ? (
        <View className="mb">
          <Btn kind="secondary" icon="arrowRight" onClick={() => switchTo(view === 'mine' ? 'escalated' : 'mine')}>
            {view === 'mine' ? '看本乡镇超期的诉求' : '看交给我办理的诉求'}
          </Btn>
        </View>
      ) : null}
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' && state.data.items.length === 0 ? <Empty text="现在没有要办理的诉求。" /> : null}
      {state.status === 'ready'
        ? state.data.items.map((r) => (
            <RequestCard request={r} key={r.requestId}>
              <View className="soft">
                {r.familyName}（{r.townshipName}{r.villageName}）
              </View>
              {isActiveRequest(r.status) ? (
                open === r.requestId ? (
                  <UpdateForm
                    request={r}
                    onDone={async () => {
                      setOpen(null);
                      await reload(true);
                    }}
                  />
                ) : (
                  <View className="mt">
                    <Btn kind="secondary" icon="arrowRight" onClick={() => setOpen(r.requestId)}>
                      办理这条诉求
                    </Btn>
                  </View>
                )
              ) : null}
            </RequestCard>
          ))
        : null}
    </View>
  );
}
