import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { addDays, beijingDate, formatChineseDate, LONG_RX_MAX_DAYS, LONG_RX_MIN_DAYS, PrescriptionRequest, stableForLongRx, type Prescription } from '@domain';
import { followupsApi, newIdempotencyKey } from '../../../api/followups';
import { Btn } from '../../../components/Btn';
import { CheckChoice } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { NumberField } from '../../../components/NumberField';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { MemberHealthShell, type MemberHealthFormProps } from '../components/MemberHealthShell';

/**
 * The signed doctor issues a long prescription (长处方): only medicines on the member's file, 28 to
 * 56 days of supply, a number of refills and a valid-until date; refused on the server unless the
 * member was assessed stable within 90 days. What the doctor typed stays if the server says no.
 */
export default function Prescribe() {
  return <MemberHealthShell title="开长处方" Form={PrescribeForm} />;
}

function PrescribeForm({ data, familyId, memberId }: MemberHealthFormProps) {
  const today = beijingDate(new Date());
  const meds = data.file?.medicines ?? [];
  const [chosen, setChosen] = useState<Record<string, { dose: string; quantity: string }>>({});
  const [supplyDays, setSupplyDays] = useState('28');
  const [refills, setRefills] = useState('2');
  const [validUntil, setValidUntil] = useState(addDays(today, 180));
  const [instructions, setInstructions] = useState('');
  const { busy, errors, failure, refuse, send } = useFormSend();
  const [done, setDone] = useState<Prescription | null>(null);
  const [key] = useState(newIdempotencyKey);

  if (!data.file || !stableForLongRx(data.file.stability, today)) {
    return <Notice tone="warning">{data.memberName}最近 90 天内没有评估为病情稳定，不能开长处方。请先随访并评估病情。</Notice>;
  }
  if (done) {
    return (
      <View>
        <Notice tone="ok">
          已为{data.memberName}开出长处方，药可以吃到 {formatChineseDate(done.supplyEndsOn)}，可续方 {done.refillsAllowed} 次。
        </Notice>
        <Btn big icon="arrowRight" onClick={() => Taro.navigateBack()}>
          返回居民档案
        </Btn>
      </View>
    );
  }
  const submit = async () => {
    const body = {
      items: Object.entries(chosen).map(([medicine, v]) => ({ medicine, dose: v.dose.trim(), quantity: v.quantity.trim() })),
      supplyDays: Number(supplyDays),
      refills: Number(refills),
      validUntil: validUntil.trim(),
      ...(instructions.trim() ? { instructions: instructions.trim() } : {}),
    };
    const parsed = PrescriptionRequest.safeParse(body);
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    await send(async () => setDone((await followupsApi.createPrescription(familyId, memberId, parsed.data, key)).prescription));
  };
  return (
    <View>
      <View className="text-lg mb">给{data.memberName}开药（只能选档案里的用药）：</View>
      {meds.map((m) => {
        const on = chosen[m.name];
        return (
          <View className="card" key={m.name}>
            <CheckChoice checked={Boolean(on)} onChange={(c) => setChosen((x) => { const next = { ...x }; if (c) next[m.name] = { dose: m.usage ?? '', quantity: '' }; else delete next[m.name]; return next; })}>
              {m.name}
            </CheckChoice>
            {on ? (
              <View className="mt">
                <TextField id={`dose-${m.name}`} label={`${m.name}用法用量`} maxlength={60} value={on.dose} onInput={(v) => setChosen((x) => ({ ...x, [m.name]: { ...x[m.name], dose: v } }))} />
                <TextField id={`qty-${m.name}`} label={`${m.name}数量`} maxlength={60} value={on.quantity} onInput={(v) => setChosen((x) => ({ ...x, [m.name]: { ...x[m.name], quantity: v } }))} />
              </View>
            ) : null}
          </View>
        );
      })}
      <NumberField id="rx-days" label="每次用药天数" hint={`${LONG_RX_MIN_DAYS} 到 ${LONG_RX_MAX_DAYS} 天`} value={supplyDays} error={errors.supplyDays} onInput={setSupplyDays} />
      <NumberField id="rx-refills" label="可以续方几次" hint="0 到 6 次" value={refills} error={errors.refills} onInput={setRefills} />
      <TextField id="rx-valid" label="处方有效到（年-月-日）" maxlength={60} value={validUntil} error={errors.validUntil} onInput={setValidUntil} />
      <TextField id="rx-instructions" label="给居民的用药说明（可以不填）" maxlength={60} value={instructions} error={errors.instructions} onInput={setInstructions} />
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Btn big icon="check" busy={busy} busyText="正在开方…" onClick={() => void submit()}>
        开出长处方
      </Btn>
    </View>
  );
}
