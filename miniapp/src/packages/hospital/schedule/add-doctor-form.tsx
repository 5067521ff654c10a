import { useState } from 'react';
import { View } from '@tarojs/components';
import { RosterDoctorRequest, type DoctorView, type ScheduleResponse } from '@domain';
import { bookingApi, newRequestKey } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';

/**
 * The institution's staff put a doctor on its outpatient roster (name, title, department), so the
 * doctor's week can be set above. One key per doctor added: a retried tap adds the doctor once.
 */
export function AddDoctorForm({ data, onAdded }: { data: ScheduleResponse; onAdded: (doctor: DoctorView) => void }) {
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [key, setKey] = useState(newRequestKey);
  const [done, setDone] = useState<string | null>(null);
  const form = useFormSend();

  const save = async () => {
    setDone(null);
    const parsed = RosterDoctorRequest.safeParse({ name, title, departmentId: departmentId ?? '' });
    // No department chosen is said as such, not as a malformed id.
    if (!parsed.success || !departmentId) return form.refuse({ ...(parsed.success ? {} : formErrors(parsed.error.issues)), ...(departmentId ? {} : { departmentId: '请选择科室' }) });
    await form.send(async () => {
      const doctor = await bookingApi.addDoctor(data.institutionId, parsed.data, key);
      setDone(`已添加${doctor.departmentName}${doctor.name}。请在上面为这位医生设置每周出诊的时间。`);
      setName('');
      setTitle('');
      setKey(newRequestKey());
      onAdded(doctor);
    });
  };

  return (
    <View className="card">
      <View className="h2">添加出诊医生</View>
      <TextField id="roster-name" label="医生姓名" value={name} error={form.errors.name} maxlength={20} autocomplete="off" onInput={setName} />
      <TextField id="roster-title" label="职称" hint="例如 主治医师、全科医生" value={title} error={form.errors.title} maxlength={10} autocomplete="off" onInput={setTitle} />
      <RadioChoices id="roster-department" label="科室" value={departmentId} onChange={setDepartmentId} error={form.errors.departmentId} options={data.departments.map((d) => ({ value: d.departmentId, label: d.name }))} />
      {form.failure ? <Notice tone="error"><View className="text" role="alert">{form.failure}</View></Notice> : null}
      {done ? <Notice tone="ok"><View className="text">{done}</View></Notice> : null}
      <Btn icon="check" busy={form.busy} busyText="正在添加…" onClick={() => void save()}>
        添加这位医生
      </Btn>
    </View>
  );
}
