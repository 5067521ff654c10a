import { useState } from 'react';
import { View } from '@tarojs/components';
import { type CountyExtra, type CountySupportResponse, FamilyType, familyTypeLabels, MeasureInput } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { countySupportApi } from '../../../api/county-support';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { Btn } from '../../../components/Btn';
import { CheckChoice } from '../../../components/Choice';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FlashNotice, Notice } from '../../../components/Notice';
import { NumberField } from '../../../components/NumberField';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { flash } from '../../../lib/flash';
import { groupPhone } from '../../../lib/format';
import { formErrors, useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { Whole } from '../../../components/Whole';

/**
 * The county's own support measures (帮扶措施), beyond the national ones, as the county commission
 * sets them: each with who it applies to and whom to call. Until the list is saved once it is only
 * the built-in draft and families do not see it (they are told to ask the commission); any save,
 * including 确认这份清单, confirms it. Township officers read. A save made from an old version
 * (someone else saved meanwhile) is refused and the officer loads the latest list.
 */
export default function Measures() {
  const { state, reload } = useRemote(() => countySupportApi.get());
  return (
    <View className="page">
      <View className="h1">本县帮扶措施</View>
      <FlashNotice />
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <MeasureList key={state.data.version} data={state.data} reload={() => void reload(true)} /> : null}
    </View>
  );
}

/** A measure as the form holds it (strings as typed). */
interface Draft {
  id?: string;
  title: string;
  detail: string;
  familyTypes: FamilyType[];
  povertyOnly: boolean;
  minAge: string;
  contactName: string;
  contactPhone: string;
}

const emptyDraft: Draft = { title: '', detail: '', familyTypes: [], povertyOnly: false, minAge: '', contactName: '', contactPhone: '' };
const draftOf = (e: CountyExtra): Draft => ({
  id: e.id,
  title: e.title,
  detail: e.detail,
  familyTypes: e.appliesTo?.familyTypes ?? [],
  povertyOnly: e.appliesTo?.povertyOnly ?? false,
  minAge: e.appliesTo?.minAge === undefined ? '' : String(e.appliesTo.minAge),
  contactName: e.contact?.name ?? '',
  contactPhone: e.contact?.phone ?? '',
});
/** What the server takes: only the narrowing the officer chose, a contact only if one was given. */
const inputOf = (d: Draft) => ({
  ...(d.id ? { id: d.id } : {}),
  title: d.title,
  detail: d.detail,
  appliesTo: {
    ...(d.familyTypes.length ? { familyTypes: d.familyTypes } : {}),
    ...(d.povertyOnly ? { povertyOnly: true } : {}),
    ...(d.minAge.trim() ? { minAge: Number(d.minAge.trim()) } : {}),
  },
  ...(d.contactName.trim() || d.contactPhone.trim() ? { contact: { name: d.contactName, phone: d.contactPhone.trim() } } : {}),
});

function whoWords(e: CountyExtra): string {
  const a = e.appliesTo;
  const parts = [
    a?.familyTypes?.length ? a.familyTypes.map((t) => familyTypeLabels[t]).join('、') : '',
    a?.povertyOnly ? '建档立卡家庭' : '',
    a?.minAge !== undefined ? `家中有人年满 ${a.minAge} 周岁` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '所有特殊家庭';
}

function MeasureList({ data, reload }: { data: CountySupportResponse; reload: () => void }) {
  // null: the list; 'new': adding; a number: editing that measure.
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [stale, setStale] = useState(false);
  const form = useFormSend();
  const current = data.extras.map(draftOf);

  const saveList = (drafts: Draft[], done: string) =>
    form.send(async () => {
      try {
        await countySupportApi.put({ version: data.version, extras: drafts.map((d) => MeasureInput.parse(inputOf(d))) }, key);
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 409) setStale(true);
        throw err;
      }
      setKey(newIdempotencyKey());
      flash(done);
      reload();
    });

  const remove = (i: number) => {
    setRemoving(null);
    void saveList(current.filter((_, j) => j !== i), `已删除“${current[i]!.title}”。`);
  };

  if (editing !== null) {
    return (
      <MeasureForm
        initial={editing === 'new' ? emptyDraft : current[editing]!}
        busy={form.busy}
        failure={form.failure}
        serverErrors={form.errors}
        refuse={form.refuse}
        onCancel={() => {
          form.clear();
          setEditing(null);
        }}
        onSave={(d) => {
          const list = editing === 'new' ? [...current, d] : current.map((x, j) => (j === editing ? d : x));
          void saveList(list, `已保存“${d.title.trim()}”，家庭的“我能享受的帮扶”里会显示。`);
        }}
      />
    );
  }

  return (
    <View>
      {data.confirmed ? (
        <Notice tone="info">以下措施会显示在适用家庭的“我能享受的帮扶”里。{data.updatedByName ? `最近由${data.updatedByName}保存。` : ''}</Notice>
      ) : (
        <Notice tone="warning">这是系统提供的参考清单，本县还没有确认。确认前，家庭只看到国家统一的帮扶内容和“本县其他帮扶措施以县卫健委公布为准”。请删去本县没有的措施，再确认或保存。</Notice>
      )}
      {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
      {stale ? (
        <Btn kind="secondary" onClick={reload}>
          载入别人保存的最新清单
        </Btn>
      ) : null}
      {!data.canManage ? <Notice tone="info">帮扶措施由县卫健委设置，乡镇只能查看。</Notice> : null}
      {data.canManage && !data.confirmed ? (
        <Btn big busy={form.busy} busyText="正在确认…" onClick={() => void saveList(current, '已确认本县帮扶措施，家庭现在可以看到。')}>
          确认这份清单
        </Btn>
      ) : null}
      {data.extras.length === 0 ? <Empty text="本县还没有自己的帮扶措施。" /> : null}
      {data.extras.map((e, i) => (
        <View className="card" key={e.id}>
          <View className="h2">{e.title}</View>
          <View className="text">{e.detail}</View>
          <View className="text">适用：{whoWords(e)}</View>
          <View className="text">
            <Whole>咨询电话：{e.contact ? `${e.contact.name} ${groupPhone(e.contact.phone)}` : '家庭所在县卫健委电话'}</Whole>
          </View>
          {data.canManage ? (
            <View className="stack mt">
              <Btn kind="secondary" onClick={() => setEditing(i)}>
                编辑{e.title}
              </Btn>
              <Btn kind="secondary" busy={form.busy} busyText="正在删除…" onClick={() => setRemoving(i)}>
                删除{e.title}
              </Btn>
            </View>
          ) : null}
        </View>
      ))}
      {data.canManage ? (
        <Btn big icon="arrowRight" onClick={() => setEditing('new')}>
          添加措施
        </Btn>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title="删除帮扶措施"
        message={removing !== null ? `删除后，家庭不再看到“${current[removing]!.title}”。确定删除吗？` : ''}
        confirmText="确定删除"
        onConfirm={() => removing !== null && remove(removing)}
        onCancel={() => setRemoving(null)}
      />
    </View>
  );
}

interface FormProps {
  initial: Draft;
  busy: boolean;
  failure: string | null;
  serverErrors: Record<string, string>;
  refuse: (fields: Record<string, string>) => void;
  onCancel: () => void;
  onSave: (d: Draft) => void;
}

function MeasureForm({ initial, busy, failure, serverErrors, refuse, onCancel, onSave }: FormProps) {
  const [d, setD] = useState<Draft>(initial);
  const [own, setOwn] = useState<Record<string, string>>({});
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  // The server names fields within the list (extras.3.title); the form shows them by field.
  const errors = { ...Object.fromEntries(Object.entries(serverErrors).map(([k, v]) => [k.replace(/^extras\.\d+\./, ''), v])), ...own };

  const save = () => {
    if (d.minAge.trim() && !/^\d+$/.test(d.minAge.trim())) {
      const fields = { 'appliesTo.minAge': '年龄须为整数' };
      setOwn(fields);
      return refuse(fields);
    }
    const parsed = MeasureInput.safeParse(inputOf(d));
    if (!parsed.success) {
      const fields = formErrors(parsed.error.issues);
      setOwn(fields);
      return refuse(fields);
    }
    setOwn({});
    onSave(d);
  };

  return (
    <View>
      <View className="h2">{initial.title ? `编辑：${initial.title}` : '添加措施'}</View>
      <TextField id="measure-title" label="措施名称" hint="例如：免收普通门诊诊察费" value={d.title} error={errors.title} maxlength={30} onInput={(title) => set({ title })} />
      <TextArea id="measure-detail" label="措施内容" hint="用家庭听得懂的话写清楚怎么享受" value={d.detail} error={errors.detail} maxlength={200} onInput={(detail) => set({ detail })} />
      <View className="section-title mt">适用的家庭（不选表示所有特殊家庭）</View>
      {FamilyType.options.map((t) => (
        <CheckChoice key={t} checked={d.familyTypes.includes(t)} onChange={(on) => set({ familyTypes: on ? [...d.familyTypes, t] : d.familyTypes.filter((x) => x !== t) })}>
          {familyTypeLabels[t]}
        </CheckChoice>
      ))}
      <CheckChoice checked={d.povertyOnly} onChange={(povertyOnly) => set({ povertyOnly })}>
        仅限建档立卡家庭
      </CheckChoice>
      <NumberField id="measure-age" label="家中有人年满几周岁（可不填）" hint="例如：60" value={d.minAge} error={errors['appliesTo.minAge']} maxlength={3} onInput={(minAge) => set({ minAge })} />
      <View className="section-title mt">咨询电话（不填则显示县卫健委电话）</View>
      <TextField id="measure-contact" label="联系单位或联系人" hint="例如：县人民医院绿色通道" value={d.contactName} error={errors['contact.name']} maxlength={30} onInput={(contactName) => set({ contactName })} />
      <TextField id="measure-phone" label="联系电话" hint="手机号，或座机带区号如 0311-86907120" value={d.contactPhone} error={errors['contact.phone']} maxlength={20} onInput={(contactPhone) => set({ contactPhone })} />
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <View className="stack mt">
        <Btn big busy={busy} busyText="正在保存…" onClick={save}>
          保存措施
        </Btn>
        <Btn kind="secondary" onClick={onCancel}>
          返回措施列表
        </Btn>
      </View>
    </View>
  );
}
