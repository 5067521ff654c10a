import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { InstitutionKind, InstitutionLevel, institutionKindLabels, institutionLevelLabels, InstitutionRequest, type ManagedInstitution } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { institutionsApi } from '../../../api/institutions';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { flash } from '../../../lib/flash';
import { formErrors, useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';

interface Draft {
  name: string;
  kind: InstitutionKind | null;
  level: InstitutionLevel | null;
  address: string;
  greenChannelPhone: string;
  greenChannelHours: string;
  greenChannelPlace: string;
  meetBy: string;
  /** Existing departments keep their id (their schedules and sessions name it). */
  departments: Array<{ departmentId?: string; name: string }>;
  servesTownships: string[];
  newDepartment: string;
}

const emptyDraft: Draft = { name: '', kind: null, level: null, address: '', greenChannelPhone: '', greenChannelHours: '', greenChannelPlace: '', meetBy: '', departments: [], servesTownships: [], newDepartment: '' };

const draftOf = (i: ManagedInstitution): Draft => ({
  ...emptyDraft,
  name: i.name,
  kind: i.kind,
  level: i.level,
  address: i.address,
  greenChannelPhone: i.greenChannelPhone,
  greenChannelHours: i.greenChannelHours,
  greenChannelPlace: i.greenChannelPlace,
  meetBy: i.meetBy,
  departments: i.departments.map((d) => ({ departmentId: d.departmentId, name: d.name })),
  servesTownships: i.servesTownships.map((t) => t.townshipId),
});

/**
 * Add or edit a designated institution: its name, kind and level, address, green channel (phone,
 * hours, place, who meets patients), departments, and the townships it serves as the designated
 * institution. An edit is saved only if nobody saved the institution meanwhile; otherwise the
 * server says so and the officer reloads (nothing typed by the other editor is lost).
 */
export default function InstitutionEdit() {
  const { params } = useRouter();
  const institutionId = params.institutionId;
  const { state, reload } = useRemote(async () => {
    const all = await institutionsApi.list();
    return { townships: all.townships, editing: institutionId ? all.items.find((i) => i.institutionId === institutionId) : undefined };
  });
  return (
    <View className="page">
      <View className="h1">{institutionId ? '修改定点机构' : '新增定点机构'}</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <InstitutionForm key={state.data.editing?.version ?? 0} editing={state.data.editing} townships={state.data.townships} onStale={() => void reload()} /> : null}
    </View>
  );
}

function InstitutionForm({ editing, townships, onStale }: { editing?: ManagedInstitution; townships: Array<{ townshipId: string; name: string }>; onStale: () => void }) {
  const [d, setD] = useState<Draft>(editing ? draftOf(editing) : emptyDraft);
  const [key] = useState(newIdempotencyKey);
  // Someone else saved first: the refusal stays on screen with a way to load their version.
  const [stale, setStale] = useState(false);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });

  const addDepartment = () => {
    const name = d.newDepartment.trim();
    if (!name) return refuse({ newDepartment: '请填写科室名称' });
    if (d.departments.some((x) => x.name === name)) return refuse({ newDepartment: '已经有这个科室了' });
    set({ departments: [...d.departments, { name }], newDepartment: '' });
  };

  const save = () => {
    const body = {
      name: d.name,
      kind: d.kind ?? undefined,
      level: d.level ?? undefined,
      address: d.address,
      greenChannelPhone: d.greenChannelPhone.trim(),
      greenChannelHours: d.greenChannelHours,
      greenChannelPlace: d.greenChannelPlace,
      meetBy: d.meetBy,
      departments: d.departments,
      servesTownships: d.servesTownships,
    };
    const parsed = InstitutionRequest.safeParse(body);
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    void send(async () => {
      try {
        if (editing) await institutionsApi.update(editing.institutionId, { ...parsed.data, version: editing.version });
        else await institutionsApi.create(parsed.data, key);
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 409 && editing) setStale(true);
        throw err;
      }
      flash(`已保存“${parsed.data.name}”。`);
      await Taro.navigateBack();
    });
  };

  return (
    <View>
      <TextField id="inst-name" label="机构名称" hint="例如：清河县中医院" value={d.name} error={errors.name} maxlength={40} onInput={(name) => set({ name })} />
      <View className="section-title mt">机构类别</View>
      <RadioChoices<InstitutionKind> id="inst-kind" label="机构类别" value={d.kind} error={errors.kind} onChange={(kind) => set({ kind })} options={InstitutionKind.options.map((k) => ({ value: k, label: institutionKindLabels[k] }))} />
      <View className="section-title mt">医院等级</View>
      <RadioChoices<InstitutionLevel> id="inst-level" label="医院等级" value={d.level} error={errors.level} onChange={(level) => set({ level })} options={InstitutionLevel.options.map((l) => ({ value: l, label: institutionLevelLabels[l] }))} />
      <TextField id="inst-address" label="地址" value={d.address} error={errors.address} maxlength={100} onInput={(address) => set({ address })} />
      <TextField id="inst-phone" label="绿色通道电话" hint="座机带区号，如 0311-86907120" type="text" value={d.greenChannelPhone} error={errors.greenChannelPhone} maxlength={20} onInput={(greenChannelPhone) => set({ greenChannelPhone })} />
      <TextField id="inst-hours" label="绿色通道服务时间" hint="例如：每天 8:00-17:30" value={d.greenChannelHours} error={errors.greenChannelHours} maxlength={40} onInput={(greenChannelHours) => set({ greenChannelHours })} />
      <TextField id="inst-place" label="绿色通道地点" hint="例如：门诊一楼导诊台旁" value={d.greenChannelPlace} error={errors.greenChannelPlace} maxlength={50} onInput={(greenChannelPlace) => set({ greenChannelPlace })} />
      <TextField id="inst-meet" label="接待人员" hint="例如：绿色通道专员在导诊台等候" value={d.meetBy} error={errors.meetBy} maxlength={50} onInput={(meetBy) => set({ meetBy })} />

      <View className="section-title mt">科室</View>
      {d.departments.length === 0 ? <View className="text soft">还没有科室，请在下面添加。</View> : null}
      {d.departments.map((dep, i) => (
        <View className="card" key={dep.departmentId ?? `new-${dep.name}`}>
          <View className="h3">{dep.name}</View>
          {errors[`departments.${i}.name`] ? <Notice tone="error">{errors[`departments.${i}.name`]}</Notice> : null}
          <Btn kind="secondary" onClick={() => set({ departments: d.departments.filter((_, j) => j !== i) })}>
            删除{dep.name}
          </Btn>
        </View>
      ))}
      {errors.departments ? <Notice tone="error">{errors.departments}</Notice> : null}
      <TextField id="inst-new-department" label="新科室名称" hint="例如：心内科" value={d.newDepartment} error={errors.newDepartment} maxlength={20} onInput={(newDepartment) => set({ newDepartment })} />
      <Btn kind="secondary" onClick={addDepartment}>
        添加这个科室
      </Btn>

      <View className="section-title mt">定点服务的乡镇</View>
      {townships.length === 0 ? <View className="text soft">本县还没有导入家庭，暂无乡镇可选。</View> : null}
      {townships.map((t) => (
        <CheckChoice key={t.townshipId} checked={d.servesTownships.includes(t.townshipId)} onChange={(on) => set({ servesTownships: on ? [...d.servesTownships, t.townshipId] : d.servesTownships.filter((x) => x !== t.townshipId) })}>
          {t.name}
        </CheckChoice>
      ))}
      {Object.entries(errors)
        .filter(([k]) => k.startsWith('servesTownships'))
        .map(([k, message]) => (
          <Notice tone="error" key={k}>
            {message}
          </Notice>
        ))}

      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {stale ? (
        <Btn kind="secondary" onClick={onStale}>
          载入别人保存的最新信息
        </Btn>
      ) : null}
      <View className="stack mt">
        <Btn big busy={busy} busyText="正在保存…" onClick={save}>
          保存定点机构
        </Btn>
        <Btn kind="secondary" onClick={() => void Taro.navigateBack()}>
          返回机构列表
        </Btn>
      </View>
    </View>
  );
}
