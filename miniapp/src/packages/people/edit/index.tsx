import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { contactKindLabels, CreateStaffRequest, staffPostLabels, staffPosts, StaffPost, TeamRole, teamRoleLabels, UpdateStaffRequest, z, type DeactivateStaffResponse, type StaffDetail, type StaffView } from '@domain';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { ledgerApi } from '../../../api/ledger';
import { peopleApi } from '../../../api/people';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { TextField } from '../../../components/TextField';
import { requireMe } from '../../../lib/guard';
import { formErrors, useFormSend } from '../../../lib/form';
import { handleFailure } from '../../../lib/remote';
import '../people.scss';

interface Fields {
  post: StaffPost | null;
  name: string;
  idNumber: string;
  phone: string;
  townshipId: string | null;
  organisation: string;
  title: string;
  workPhone: string;
  orgId: string;
  teamRoles: TeamRole[];
}
const blank: Fields = { post: null, name: '', idNumber: '', phone: '', townshipId: null, organisation: '', title: '', workPhone: '', orgId: '', teamRoles: [] };

/**
 * What a deactivation did, in the officer's words: how many families changed hands and, for a
 * doctor, how many signed residents now have the successor as their family doctor (with what
 * went with them), so the officer can tell the successor what they took on.
 */
function deactivationWords(res: DeactivateStaffResponse, successorName: string | undefined): string {
  const to = successorName ?? '接任的人';
  return [
    `${res.staff.name}已停用，不能再登录。`,
    res.handedOver ? `${res.handedOver} 户家庭已交接给${to}，家属会收到通知。` : '',
    res.signedMembersMoved ? `${res.signedMembersMoved} 位签约居民的签约家庭医生已改为${to}，他们的签约、随访计划和还没办完的续方、出院随访也一起转给了${to}。` : '',
  ].join('');
}

/** Leaving: pick who takes over every family the person holds a place in (and a doctor's signed residents), then deactivate. */
function Deactivate({ person, onDone }: { person: StaffDetail; onDone: (res: DeactivateStaffResponse, words: string) => void }) {
  const [successors, setSuccessors] = useState<StaffView[]>([]);
  const [successorId, setSuccessor] = useState<string | null>(null);
  const form = useFormSend();
  // A doctor may have signed residents without holding any family's place: a successor is asked for all the same.
  const doctor = person.post === 'doctor';
  const needsSuccessor = person.families.length > 0 || doctor;
  useEffect(() => {
    peopleApi.list({ post: person.post }).then(
      (r) => setSuccessors(r.items.filter((s) => s.personId !== person.personId && s.status === 'active' && s.townshipId === person.townshipId)),
      (err: unknown) => form.refuse({}, handleFailure(err)),
    );
  }, [person.personId]);
  const go = () =>
    form.send(async () => {
      const res = await peopleApi.deactivate(person.personId, { version: person.version, successorId: successorId ?? undefined });
      onDone(res, deactivationWords(res, successors.find((s) => s.personId === successorId)?.name));
    });
  return (
    <View className="card">
      <View className="h2">停用{person.name}</View>
      {needsSuccessor ? (
        <>
          {person.families.length ? (
            <View className="text mb">
              {person.name}现在联系 {person.families.length} 户家庭（{person.families.slice(0, 3).map((f) => `${f.familyName}的${contactKindLabels[f.kind]}`).join('、')}
              {person.families.length > 3 ? '等' : ''}）。停用前要选好接任的人，这些家庭会同时交接给他，家属会收到通知。
            </View>
          ) : null}
          {doctor ? (
            <View className="text mb">
              {person.name}签约的居民会一起转给接任的医生：签约、随访计划和还没办完的续方、出院随访都归接任医生，居民会收到通知。有签约居民时必须选接任医生。
            </View>
          ) : null}
          {successors.length ? (
            <View className="field">
              <View className="field__label">由谁接任</View>
              <RadioChoices label="由谁接任" value={successorId} onChange={setSuccessor} options={successors.map((s) => ({ value: s.personId, label: `${s.name}（${s.organisation}${s.title}）` }))} />
            </View>
          ) : (
            <Notice tone="info">{doctor ? '本县还没有别的在岗医生。请先添加接任的医生。' : '同岗位、同乡镇还没有别的人员。请先添加接任的人。'}</Notice>
          )}
        </>
      ) : (
        <View className="text mb">{person.name}没有联系的家庭，可以直接停用。停用后不能再登录。</View>
      )}
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      <Btn kind="secondary" icon="close" busy={form.busy} busyText="正在停用…" onClick={() => void go()}>
        {needsSuccessor && successorId ? '交接并停用' : '停用'}
      </Btn>
    </View>
  );
}

/**
 * Adds a staff member of any post, or edits one (with `personId`): the same details the staff
 * import takes. An edit carries the version it was read at, so a change made meanwhile by someone
 * else is not overwritten: the page says so and shows the latest.
 */
export default function EditPerson() {
  const { params } = useRouter();
  const personId = params.personId;
  const [f, setF] = useState<Fields>(blank);
  const [person, setPerson] = useState<StaffDetail | null>(null);
  const [townships, setTownships] = useState<Array<{ townshipId: string; townshipName: string }>>([]);
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<string | null>(null);
  const [left, setLeft] = useState<string | null>(null);
  const form = useFormSend();
  const set = <K extends keyof Fields>(k: K, v: Fields[K]) => setF((x) => ({ ...x, [k]: v }));

  const load = async () => {
    await requireMe();
    const [dash, p] = await Promise.all([ledgerApi.dashboard(), personId ? peopleApi.get(personId) : Promise.resolve(null)]);
    setTownships(dash.townships.map((t) => ({ townshipId: t.townshipId, townshipName: t.townshipName })));
    if (p) {
      setPerson(p);
      setF({ ...blank, post: p.post, name: p.name, townshipId: p.townshipId ?? null, organisation: p.organisation, title: p.title, workPhone: p.workPhone, orgId: p.orgId ?? '', teamRoles: p.teamRoles ?? [] });
    }
  };
  useEffect(() => {
    load().catch((err: unknown) => form.refuse({}, handleFailure(err)));
  }, [personId]);

  const info = f.post ? staffPosts[f.post] : undefined;
  const save = () => {
    const details = {
      name: f.name.trim(),
      organisation: f.organisation.trim(),
      title: f.title.trim(),
      workPhone: f.workPhone.trim(),
      orgId: info?.region === 'none' && f.orgId.trim() ? f.orgId.trim() : undefined,
      teamRoles: info?.role === 'doctor' && f.teamRoles.length ? f.teamRoles : undefined,
    };
    // Checked here first with the server's own schema: every missing or wrong field is marked at once.
    const body = person
      ? { version: person.version, ...details, phone: f.phone.trim() || undefined }
      : { post: f.post ?? undefined, idNumber: f.idNumber.trim(), phone: f.phone.trim(), townshipId: info?.region === 'township' ? (f.townshipId ?? undefined) : undefined, ...details };
    const parsed = z.safeParse(person ? UpdateStaffRequest : CreateStaffRequest, body);
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    if (!person && info?.region === 'township' && !f.townshipId) return form.refuse({ townshipId: '请选择所在乡镇' });
    return form.send(async () => {
      if (person) {
        const saved = await peopleApi.update(person.personId, parsed.data as UpdateStaffRequest);
        setPerson({ ...person, ...saved });
        setDone(`已保存${saved.name}的信息`);
        return;
      }
      const created = await peopleApi.create(parsed.data as CreateStaffRequest, key);
      setDone(`已添加${created.name}（${staffPostLabels[created.post]}）。请告诉他用自己的姓名、身份证号后 6 位和手机号绑定微信。`);
      setF(blank);
      setKey(newIdempotencyKey());
    });
  };

  return (
    <View className="page">
      <View className="h1">{person ? `修改${person.name}的信息` : '添加人员'}</View>
      {person ? (
        <View className="text-lg soft mb">岗位：{staffPostLabels[person.post]}</View>
      ) : (
        <View className="field">
          <View className="field__label">岗位</View>
          <RadioChoices id="post" label="岗位" value={f.post} onChange={(v) => set('post', v)} error={form.errors.post} options={StaffPost.options.filter((p) => staffPosts[p].region !== 'city').map((p) => ({ value: p, label: staffPostLabels[p] }))} />
        </View>
      )}
      <TextField id="name" label="姓名" value={f.name} error={form.errors.name} autocomplete="name" onInput={(v) => set('name', v)} />
      {person ? null : <TextField id="idNumber" label="身份证号" type="idcard" maxlength={18} value={f.idNumber} error={form.errors.idNumber} onInput={(v) => set('idNumber', v)} />}
      <TextField id="phone" label={person ? '手机号（要改时才填）' : '手机号（绑定微信时核对）'} type="number" maxlength={11} value={f.phone} error={form.errors.phone} onInput={(v) => set('phone', v)} />
      {!person && info?.region === 'township' ? (
        <View className="field">
          <View className="field__label">所在乡镇</View>
          <RadioChoices id="townshipId" label="所在乡镇" value={f.townshipId} onChange={(v) => set('townshipId', v)} error={form.errors.townshipId} options={townships.map((t) => ({ value: t.townshipId, label: t.townshipName }))} />
        </View>
      ) : null}
      <TextField id="organisation" label={info?.helper ? '所在组织（如计生协、志愿服务队）' : '单位'} value={f.organisation} error={form.errors.organisation} onInput={(v) => set('organisation', v)} />
      <TextField id="title" label="职务" value={f.title} error={form.errors.title} onInput={(v) => set('title', v)} />
      <TextField id="workPhone" label="公示电话（家属会看到）" value={f.workPhone} error={form.errors.workPhone} onInput={(v) => set('workPhone', v)} />
      {info?.region === 'none' ? <TextField id="orgId" label="单位编号（医院或卫生院，可不填）" value={f.orgId} error={form.errors.orgId} onInput={(v) => set('orgId', v)} /> : null}
      {info?.role === 'doctor' ? (
        <View className="field">
          <View className="field__label">团队角色</View>
          {TeamRole.options.map((r) => (
            <CheckChoice key={r} checked={f.teamRoles.includes(r)} onChange={(on) => set('teamRoles', on ? [...f.teamRoles, r] : f.teamRoles.filter((x) => x !== r))}>
              {teamRoleLabels[r]}
            </CheckChoice>
          ))}
        </View>
      ) : null}
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      {done ? <Notice tone="ok">{done}</Notice> : null}
      <Btn big icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        {person ? '保存修改' : '添加'}
      </Btn>
      {person && person.status !== 'inactive' ? (
        <View className="mt">
          <Deactivate
            person={person}
            onDone={(res, words) => {
              setPerson({ ...person, ...res.staff, families: [] });
              setLeft(words);
            }}
          />
        </View>
      ) : null}
      {/* Where the deactivation card was, so the officer sees what it did without scrolling up. */}
      {left ? (
        <View className="mt">
          <Notice tone="ok">{left}</Notice>
        </View>
      ) : null}
    </View>
  );
}
