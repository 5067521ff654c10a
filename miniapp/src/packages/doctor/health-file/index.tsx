import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import {
  ChronicCondition,
  chronicConditionLabels,
  formatChineseDate,
  HealthFileRequest,
  Mobility,
  mobilityLabels,
  Stability,
  stabilityLabels,
  type HealthFile,
  type Plan,
} from '@domain';
import { followupsApi } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { MemberHealthShell, type MemberHealthFormProps } from '../components/MemberHealthShell';
import { Whole } from '../../../components/Whole';

/**
 * The signed doctor creates or updates a member's health file (健康档案). The server derives the
 * follow-up plan from it, so the answer shows the next due date. Free-text lists (other illnesses,
 * allergies) are typed in one box each, split at 、，; the way people write them by hand. Nothing
 * typed is lost when the server refuses: the form keeps its state and marks the field.
 */
export default function HealthFilePage() {
  return <MemberHealthShell title="健康档案" Form={HealthFileForm} />;
}

interface MedicineRow {
  name: string;
  usage: string;
}

const listSeparators = /[、,，;；\n]+/;
const splitList = (text: string) => text.split(listSeparators).map((x) => x.trim()).filter(Boolean);
const emptyRow = (): MedicineRow => ({ name: '', usage: '' });

const firstUnder = (errors: Record<string, string>, prefix: string) =>
  Object.entries(errors).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

function HealthFileForm({ data, familyId, memberId }: MemberHealthFormProps) {
  const f: HealthFile | null = data.file;
  const [conditions, setConditions] = useState<ChronicCondition[]>(f?.conditions ?? []);
  const [otherText, setOtherText] = useState((f?.otherConditions ?? []).join('、'));
  const [mobility, setMobility] = useState<Mobility | null>(f?.mobility ?? null);
  const [medicines, setMedicines] = useState<MedicineRow[]>(f?.medicines.length ? f.medicines.map((m) => ({ name: m.name, usage: m.usage ?? '' })) : [emptyRow()]);
  const [allergyText, setAllergyText] = useState((f?.allergies ?? []).join('、'));
  const [stability, setStability] = useState<Stability | null>(f?.stability.status ?? null);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const [saved, setSaved] = useState<{ file: HealthFile; plan: Plan | null } | null>(null);

  const toggle = (c: ChronicCondition, on: boolean) => setConditions((x) => (on ? [...x.filter((y) => y !== c), c] : x.filter((y) => y !== c)));
  const setRow = (i: number, patch: Partial<MedicineRow>) => setMedicines((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    setSaved(null);
    const missing: Record<string, string> = {};
    if (!mobility) missing.mobility = '请选择自理能力';
    if (!stability) missing.stability = '请评估病情是否稳定';
    // Rows left fully blank are the spare "add a medicine" row, not a mistake.
    const rows = medicines.filter((r) => r.name.trim() || r.usage.trim());
    const body = {
      conditions: ChronicCondition.options.filter((c) => conditions.includes(c)),
      otherConditions: splitList(otherText),
      mobility,
      medicines: rows.map((r) => ({ name: r.name.trim(), ...(r.usage.trim() ? { usage: r.usage.trim() } : {}) })),
      allergies: splitList(allergyText),
      stability,
    };
    const parsed = HealthFileRequest.safeParse(body);
    if (!parsed.success || Object.keys(missing).length) {
      return refuse({ ...(parsed.success ? {} : formErrors(parsed.error.issues)), ...missing });
    }
    await send(async () => setSaved(await followupsApi.putHealthFile(familyId, memberId, parsed.data)));
  };

  return (
    <View>
      <View className="text-lg mb">
        {data.memberName}
        <Whole>{f ? `（上次更新 ${formatChineseDate(f.stability.assessedOn)}，${f.stability.doctorName}）` : '：还没有健康档案，请建立'}</Whole>
      </View>

      <View className="card">
        <View className="h3">慢性病（可多选）</View>
        {ChronicCondition.options.map((c) => (
          <CheckChoice key={c} checked={conditions.includes(c)} onChange={(on) => toggle(c, on)}>
            {chronicConditionLabels[c]}
          </CheckChoice>
        ))}
        <TextField id="hf-other" label="其他疾病（可以不填，几种之间用顿号隔开）" value={otherText} maxlength={400} error={firstUnder(errors, 'otherConditions')} onInput={setOtherText} />
      </View>

      <View className="card">
        <View className="h3">自理能力</View>
        <RadioChoices label="自理能力" value={mobility} onChange={setMobility} options={Mobility.options.map((m) => ({ value: m, label: mobilityLabels[m] }))} />
        {errors.mobility ? <Notice tone="error">{errors.mobility}</Notice> : null}
      </View>

      <View className="card">
        <View className="h3">正在用的药</View>
        {medicines.map((row, i) => (
          // btn-wrap: the row may end with its 删掉 button, which must not touch 再加一种药 below.
          <View className="mt btn-wrap" key={i}>
            <TextField id={`hf-med-${i}`} label={`第 ${i + 1} 种药的名称`} value={row.name} maxlength={40} error={errors[`medicines.${i}.name`]} onInput={(v) => setRow(i, { name: v })} />
            <TextField id={`hf-usage-${i}`} label={`第 ${i + 1} 种药的用法（可以不填）`} hint="例如：每日 1 次，每次 1 片" value={row.usage} maxlength={60} error={errors[`medicines.${i}.usage`]} onInput={(v) => setRow(i, { usage: v })} />
            {medicines.length > 1 ? (
              <Btn kind="secondary" icon="close" onClick={() => setMedicines((rows) => rows.filter((_, j) => j !== i))}>
                {`删掉第 ${i + 1} 种药`}
              </Btn>
            ) : null}
          </View>
        ))}
        {firstUnder(errors, 'medicines') && !Object.keys(errors).some((k) => /^medicines\.\d+\./.test(k)) ? <Notice tone="error">{firstUnder(errors, 'medicines')}</Notice> : null}
        <Btn kind="secondary" icon="check" onClick={() => setMedicines((rows) => [...rows, emptyRow()])}>
          再加一种药
        </Btn>
      </View>

      <View className="card">
        <TextField id="hf-allergies" label="过敏（药物或食物，没有就不填）" value={allergyText} maxlength={400} error={firstUnder(errors, 'allergies')} onInput={setAllergyText} />
      </View>

      <View className="card">
        <View className="h3">病情评估（今天）</View>
        <RadioChoices label="病情评估" value={stability} onChange={setStability} options={Stability.options.map((s) => ({ value: s, label: stabilityLabels[s] }))} />
        {errors.stability ? <Notice tone="error">{errors.stability}</Notice> : null}
      </View>

      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {saved ? (
        <Notice tone="ok">
          健康档案已保存。{saved.plan ? `下次随访：${formatChineseDate(saved.plan.dueOn)}。` : ''}
        </Notice>
      ) : null}
      <Btn big icon="check" busy={busy} busyText="正在保存…" onClick={() => void save()}>
        保存健康档案
      </Btn>
      {saved ? (
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateBack()}>
          返回居民档案
        </Btn>
      ) : null}
    </View>
  );
}
