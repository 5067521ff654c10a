import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import {
  beijingDate,
  defaultSlot,
  DoctorScheduleRequest,
  formatChineseDate,
  OverrideRequest,
  periodLabels,
  slotProblems,
  weekdayLabels,
  type DoctorView,
  type Period,
  type ScheduleChangeResponse,
  type ScheduleConflict,
  type ScheduleResponse,
  type WeeklySlot,
} from '@domain';
import { bookingApi } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { DateField, TimeField } from '../../../components/DateTimeField';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { NumberField } from '../../../components/NumberField';
import { Empty, ErrorState, Loading, RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { AddDoctorForm } from './add-doctor-form';
import '../today/index.scss';
import { Whole } from '../../../components/Whole';

/** A slot as typed: numbers stay text until saved, so nothing typed is lost or reformatted. */
type SlotForm = { weekday: number; period: Period; startTime: string; endTime: string; capacity: string; priorityQuota: string; releaseHoursBefore: string };

const toForm = (s: WeeklySlot): SlotForm => ({ ...s, capacity: String(s.capacity), priorityQuota: String(s.priorityQuota), releaseHoursBefore: String(s.releaseHoursBefore) });
/** Typed text to a number for the schema to judge; an empty box is no number (not 0). */
const typedNumber = (t: string): number => (t.trim() === '' ? Number.NaN : Number(t.trim()));
const toSlot = (f: SlotForm): WeeklySlot => ({ ...f, capacity: typedNumber(f.capacity), priorityQuota: typedNumber(f.priorityQuota), releaseHoursBefore: typedNumber(f.releaseHoursBefore) });
const slotName = (s: { weekday: number; period: Period }) => `${weekdayLabels[s.weekday]}${periodLabels[s.period]}`;

/** What a save did, in words, and the booked sessions it kept. */
function changeText(r: ScheduleChangeResponse): string {
  const parts = [r.created ? `新开 ${r.created} 个时段` : '', r.updated ? `更新 ${r.updated} 个时段` : '', r.removed ? `撤下 ${r.removed} 个无人预约的时段` : ''].filter(Boolean);
  return `已保存。${parts.length ? parts.join('，') : '近两周的号源不需要变动'}。${r.conflicts.length ? `有 ${r.conflicts.length} 个时段已有预约，保留原样，请联系预约的家庭。` : ''}`;
}

function Conflicts({ items }: { items: ScheduleConflict[] }) {
  if (!items.length) return null;
  return (
    <View className="card">
      <View className="h3">已有预约、保留原样的时段</View>
      <View className="text soft">排班改了，但这些时段已有家庭预约，没有撤下。请电话联系这些家庭，协商改约或取消。</View>
      {items.map((c) => (
        <View className="entry" key={c.sessionId}>
          <View className="text-lg strong">
            <Whole>
              {formatChineseDate(c.date)} {c.departmentName} {periodLabels[c.period]}，{c.doctorName}
            </Whole>
          </View>
          <View className="text">已约 {c.booked} 人。{c.change}</View>
        </View>
      ))}
    </View>
  );
}

/** One doctor's week: the half-days they sit, each with its times and places; add, remove, save. */
function WeekEditor({ institutionId, doctor, onSaved }: { institutionId: string; doctor: DoctorView; onSaved: (r: ScheduleChangeResponse) => void }) {
  const [slots, setSlots] = useState<SlotForm[]>(doctor.slots.map(toForm));
  const [weekday, setWeekday] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period | null>(null);
  const form = useFormSend();
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => setSlots(doctor.slots.map(toForm)), [doctor]);

  const edit = (i: number, patch: Partial<SlotForm>) => setSlots((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const add = () => {
    setDone(null);
    if (!weekday || !period) return form.refuse({}, '请先选星期和上午/下午');
    if (slots.some((s) => s.weekday === Number(weekday) && s.period === period)) return form.refuse({}, `${slotName({ weekday: Number(weekday), period })}已经在排班里了`);
    setSlots((all) => [...all, toForm(defaultSlot(Number(weekday), period))].sort((a, b) => a.weekday - b.weekday || a.period.localeCompare(b.period)));
    form.clear();
  };
  const save = async () => {
    setDone(null);
    const parsed = DoctorScheduleRequest.safeParse({ doctorId: doctor.doctorId, slots: slots.map(toSlot) });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    const found = slotProblems(parsed.data.slots);
    if (Object.keys(found).length) return form.refuse(found);
    await form.send(async () => {
      const r = await bookingApi.putDoctorSchedule(institutionId, doctor.doctorId, parsed.data.slots);
      setDone(changeText(r));
      onSaved(r);
    });
  };

  return (
    <View className="card">
      <View className="h2">{doctor.name}（{doctor.departmentName}）每周出诊</View>
      {slots.length === 0 ? <Empty text="还没有出诊的半天，请在下面添加。" /> : null}
      {slots.map((s, i) => {
        const id = `slot-${s.weekday}-${s.period}`;
        return (
          <View className="entry" key={id}>
            <View className="h3">{slotName(s)}</View>
            <TimeField id={`${id}-start`} label={`${slotName(s)}开始时间`} hint="北京时间" value={s.startTime} error={form.errors[`slots.${i}.startTime`]} onChange={(v) => edit(i, { startTime: v })} />
            <TimeField id={`${id}-end`} label={`${slotName(s)}结束时间`} value={s.endTime} error={form.errors[`slots.${i}.endTime`]} onChange={(v) => edit(i, { endTime: v })} />
            <NumberField id={`${id}-cap`} label={`${slotName(s)}总号数`} value={s.capacity} error={form.errors[`slots.${i}.capacity`]} onInput={(v) => edit(i, { capacity: v })} />
            <NumberField id={`${id}-quota`} label={`${slotName(s)}优先号数`} hint="留给特殊家庭，包含在总号数里" value={s.priorityQuota} error={form.errors[`slots.${i}.priorityQuota`]} onInput={(v) => edit(i, { priorityQuota: v })} />
            <NumberField id={`${id}-release`} label={`${slotName(s)}提前几小时转为普通号`} hint="没人约的优先号到时转给普通患者，默认 24 小时" value={s.releaseHoursBefore} error={form.errors[`slots.${i}.releaseHoursBefore`]} onInput={(v) => edit(i, { releaseHoursBefore: v })} />
            <Btn kind="secondary" onClick={() => setSlots((all) => all.filter((_, j) => j !== i))}>
              {`不再出诊${slotName(s)}`}
            </Btn>
          </View>
        );
      })}
      <View className="h3 mt">添加出诊的半天</View>
      <RadioChoices label="星期" value={weekday} onChange={setWeekday} options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayLabels[d] }))} />
      <RadioChoices label="上午或下午" value={period} onChange={setPeriod} options={(['am', 'pm'] as const).map((p) => ({ value: p, label: periodLabels[p] }))} />
      <Btn kind="secondary" onClick={add}>
        添加这个半天
      </Btn>
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      {done ? <Notice tone="ok"><View className="text">{done}</View></Notice> : null}
      <Btn big icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存{doctor.name.split(' ')[0]}的排班
      </Btn>
    </View>
  );
}

type Scope = 'ALL' | 'department' | 'doctor';

/** A one-off change: the institution closed (a holiday), a department closed, or a doctor away. */
function OverrideForm({ data, onSaved }: { data: ScheduleResponse; onSaved: (r: ScheduleChangeResponse) => void }) {
  const [date, setDate] = useState('');
  const [scope, setScope] = useState<Scope | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [doctorId, setDoctorId] = useState<string | null>(null);
  const [substitute, setSubstitute] = useState<string | null>('none');
  const [reason, setReason] = useState('');
  const form = useFormSend();
  const [done, setDone] = useState<string | null>(null);
  const today = beijingDate(new Date());
  const away = data.doctors.find((d) => d.doctorId === doctorId);

  const save = async () => {
    setDone(null);
    if (!date) return form.refuse({ date: '请选择日期' });
    if (date < today) return form.refuse({ date: '这一天已经过去，不能再调整排班' });
    if (!scope) return form.refuse({}, '请选择是全院停诊、科室停诊还是医生外出');
    if (scope === 'department' && !departmentId) return form.refuse({}, '请选择停诊的科室');
    if (scope === 'doctor' && !doctorId) return form.refuse({}, '请选择外出的医生');
    const parsed = OverrideRequest.safeParse({
      date,
      ...(scope === 'department' && departmentId ? { departmentId } : {}),
      ...(scope === 'doctor' && doctorId ? { doctorId, ...(substitute && substitute !== 'none' ? { substituteDoctorId: substitute } : {}) } : {}),
      reason: reason.trim(),
    });
    if (!parsed.success) return form.refuse(formErrors(parsed.error.issues));
    await form.send(async () => {
      const r = await bookingApi.putOverride(data.institutionId, parsed.data);
      setDone(changeText(r));
      onSaved(r);
    });
  };

  return (
    <View className="card">
      <View className="h2">停诊或医生外出</View>
      <DateField id="override-date" label="日期" value={date} start={today} error={form.errors.date} onChange={setDate} />
      <RadioChoices
        label="哪些门诊"
        value={scope}
        onChange={setScope}
        options={[
          { value: 'ALL' as const, label: '全院停诊（节假日）' },
          { value: 'department' as const, label: '一个科室停诊' },
          { value: 'doctor' as const, label: '一位医生外出' },
        ]}
      />
      {scope === 'department' ? <RadioChoices label="停诊科室" value={departmentId} onChange={setDepartmentId} options={data.departments.map((d) => ({ value: d.departmentId, label: d.name }))} /> : null}
      {scope === 'doctor' ? <RadioChoices label="外出医生" value={doctorId} onChange={setDoctorId} options={data.doctors.map((d) => ({ value: d.doctorId, label: `${d.name}（${d.departmentName}）` }))} /> : null}
      {scope === 'doctor' && away ? (
        <RadioChoices
          label="代诊医生"
          value={substitute}
          onChange={setSubstitute}
          options={[
            { value: 'none', label: '无人代诊，当天停诊' },
            ...data.doctors.filter((d) => d.departmentId === away.departmentId && d.doctorId !== away.doctorId).map((d) => ({ value: d.doctorId, label: `${d.name}代诊` })),
          ]}
        />
      ) : null}
      <TextField id="override-reason" label="原因" hint="预约的家庭和同事会看到" value={reason} error={form.errors.reason} maxlength={100} onInput={setReason} />
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      {done ? <Notice tone="ok"><View className="text">{done}</View></Notice> : null}
      <Btn icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        保存停诊安排
      </Btn>
    </View>
  );
}

/**
 * The institution's schedules, edited by its own green-channel staff: each doctor's weekly
 * half-days and one-off changes. Saving regenerates the next two weeks' sessions; sessions that
 * already have bookings are kept and listed here for staff to settle with the families.
 */
export default function Schedule() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.orgId) throw new Error('您的账号没有关联医疗机构，请联系卫健委');
    return bookingApi.schedule(me.orgId);
  });
  const [doctorId, setDoctorId] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<ScheduleConflict[] | null>(null);
  const removal = useFormSend();
  const [removing, setRemoving] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;
  const data = state.data;
  const doctor = data.doctors.find((d) => d.doctorId === doctorId);
  const saved = (r: ScheduleChangeResponse) => {
    setConflicts(r.conflicts);
    void reload(true);
  };
  const removeOverride = async (date: string, target: string) => {
    setRemoving(`${date}-${target}`);
    setDone(null);
    await removal.send(async () => {
      const r = await bookingApi.deleteOverride(data.institutionId, date, target);
      setDone(changeText(r));
      saved(r);
    });
  };

  return (
    <View className="page hospital">
      <RemoteStatus state={state} reload={reload} />
      <View className="h1">{data.institutionName}排班</View>
      <View className="text soft mb">改排班后，近两周没人预约的号源会自动按新排班生成；已有预约的时段保留原样，并列在下面。</View>
      <Conflicts items={conflicts ?? data.conflicts} />

      <View className="card">
        <View className="h3">选择医生</View>
        {data.doctors.length === 0 ? <Empty text="本院还没有登记出诊医生，请在下面添加。" /> : null}
        <RadioChoices label="选择医生" value={doctorId} onChange={setDoctorId} options={data.doctors.map((d) => ({ value: d.doctorId, label: `${d.name}（${d.departmentName}，每周 ${d.slots.length} 个半天）` }))} />
      </View>
      {doctor ? <WeekEditor institutionId={data.institutionId} doctor={doctor} onSaved={saved} /> : null}
      <AddDoctorForm
        data={data}
        onAdded={(d) => {
          setDoctorId(d.doctorId);
          void reload(true);
        }}
      />

      <View className="card">
        <View className="h2">已安排的停诊和代诊</View>
        {data.overrides.length === 0 ? <Empty text="今天以后没有停诊或代诊安排。" /> : null}
        {data.overrides.map((o) => (
          <View className="entry" key={`${o.date}-${o.target}`}>
            <View className="text-lg strong">
              <Whole>
                {formatChineseDate(o.date)} {o.targetLabel}：{o.closed ? '停诊' : `${o.substituteName ?? ''}`}
              </Whole>
            </View>
            <View className="text">原因：{o.reason}</View>
            <Btn kind="secondary" busy={removal.busy && removing === `${o.date}-${o.target}`} onClick={() => void removeOverride(o.date, o.target)}>
              <Whole>{`取消${formatChineseDate(o.date)}的安排`}</Whole>
            </Btn>
          </View>
        ))}
        {removal.failure ? <Notice tone="error"><View className="text" role="alert">{removal.failure}</View></Notice> : null}
        {done ? <Notice tone="ok"><View className="text">{done}</View></Notice> : null}
      </View>
      <OverrideForm data={data} onSaved={saved} />
    </View>
  );
}
