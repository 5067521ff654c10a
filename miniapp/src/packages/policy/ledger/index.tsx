import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { beijingDate, CostEntryRequest, formatChineseDate, type LedgerResponse } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { newIdempotencyKey, signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { FlashNotice, Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { DateField } from '../../../components/DateTimeField';
import { formErrors, useFormSend } from '../../../lib/form';
import { flash } from '../../../lib/flash';
import { toFen, yuan } from '../../../lib/money';
import { useRemote } from '../../../lib/remote';
import { Whole } from '../../../components/Whole';

const amountFields = [
  ['totalFen', '总费用（元）'],
  ['basicInsuranceFen', '基本医保报销（元）'],
  ['seriousIllnessFen', '大病保险报销（元）'],
  ['medicalAssistanceFen', '医疗救助（元）'],
  ['commercialFen', '商业补充保险（元）'],
] as const;
type AmountField = (typeof amountFields)[number][0];
type Form = Record<AmountField | 'visitDate' | 'place', string> & { memberId?: string; claimPending: boolean };

/**
 * A poor family's medical-cost ledger: the warning, every visit and how it was paid, and the
 * cadre's form to add one. The sums rule is checked here with the same schema as the server, so
 * the cadre sees which amount is wrong before sending; the form keeps what was typed on failure.
 */
export default function Ledger() {
  const { params } = useRouter();
  const { state, reload } = useRemote(async () => {
    if (!params.familyId) throw new ApiFailure('http', 404, '没有指定家庭');
    return signingApi.ledger(params.familyId);
  });
  return (
    <View className="page">
      <FlashNotice />
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <LedgerView familyId={params.familyId!} data={state.data} onSaved={() => void reload(true)} /> : null}
    </View>
  );
}

function LedgerView({ familyId, data, onSaved }: { familyId: string; data: LedgerResponse; onSaved: () => void }) {
  const s = data.summary;
  const members = data.members.map((m): [string, string] => [m.personId, m.name]);
  return (
    <View>
      <View className="h1">{s.familyName}</View>
      {s.warning ? (
        <Notice tone="warning">
          因病致贫返贫预警：今年自付 {yuan(s.outOfPocketFen)} 元，超过家庭年收入 {yuan(s.yearlyIncomeFen)} 元的 {s.warningSharePercent}%，请申请进一步救助。
        </Notice>
      ) : (
        <Notice tone="ok">
          今年自付 {yuan(s.outOfPocketFen)} 元，未超过家庭年收入的 {s.warningSharePercent}%。
        </Notice>
      )}
      <View className="text">帮扶干部：{s.cadreName}，待办报销 {s.pendingClaims} 笔</View>
      <View className="section-title mt">就医和报销记录</View>
      {data.entries.map((e) => (
        <View className="card" key={e.entryId}>
          <View className="h3">
            <Whole>
              {e.memberName}，{formatChineseDate(e.visitDate)}，{e.place}
            </Whole>
          </View>
          <View className="text">
            总费用 {yuan(e.totalFen)} 元：医保 {yuan(e.basicInsuranceFen)}，大病 {yuan(e.seriousIllnessFen)}，救助 {yuan(e.medicalAssistanceFen)}，商保 {yuan(e.commercialFen)}
          </View>
          <View className="text strong">自付 {yuan(e.outOfPocketFen)} 元</View>
          <View className="text">{e.claimPending ? '报销还在代办中' : '报销已办结'}</View>
        </View>
      ))}
      <EntryForm familyId={familyId} members={members} onSaved={onSaved} />
    </View>
  );
}

function EntryForm({ familyId, members, onSaved }: { familyId: string; members: Array<[string, string]>; onSaved: () => void }) {
  const empty: Form = { visitDate: beijingDate(new Date()), place: '', totalFen: '', basicInsuranceFen: '0', seriousIllnessFen: '0', medicalAssistanceFen: '0', commercialFen: '0', memberId: members[0]?.[0], claimPending: true };
  const [form, setForm] = useState<Form>(empty);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const [key, setKey] = useState(newIdempotencyKey);
  const today = beijingDate(new Date());
  const set = (k: keyof Form, v: string | boolean) => setForm((f) => ({ ...f, [k]: v }));

  const save = async () => {
    const amounts: Record<string, number | undefined> = Object.fromEntries(amountFields.map(([k]) => [k, toFen(form[k])]));
    const bad = amountFields.filter(([k]) => amounts[k] === undefined).map(([k]) => [k, '请填写金额，最多两位小数']);
    const parsed = CostEntryRequest.safeParse({ memberId: form.memberId, visitDate: form.visitDate, place: form.place, ...amounts, claimPending: form.claimPending });
    const fieldErrors: Record<string, string> = { ...(parsed.success ? {} : formErrors(parsed.error.issues)), ...Object.fromEntries(bad) };
    if (Object.keys(fieldErrors).length || !parsed.success) return refuse(fieldErrors);
    const saved = await send(() => signingApi.addCost(familyId, parsed.data, key));
    if (!saved) return;
    setKey(newIdempotencyKey());
    setForm(empty);
    flash('已记入台账');
    onSaved();
  };

  return (
    <View className="card mt">
      <View className="h2">录入一次就医费用</View>
      {members.length > 1 ? (
        <RadioChoices label="就医的家庭成员" value={form.memberId ?? null} onChange={(v) => set('memberId', v)} options={members.map(([value, label]) => ({ value, label }))} />
      ) : null}
      <DateField id="cost-date" label="就医日期" value={form.visitDate} end={today} error={errors.visitDate} onChange={(v) => set('visitDate', v)} />
      <TextField id="cost-place" label="就医医院" value={form.place} error={errors.place} maxlength={40} onInput={(v) => set('place', v)} />
      {amountFields.map(([k, label]) => (
        <TextField key={k} id={`cost-${k}`} label={label} type="digit" value={form[k]} error={errors[k]} maxlength={12} onInput={(v) => set(k, v)} />
      ))}
      <CheckChoice checked={form.claimPending} onChange={(on) => set('claimPending', on)}>
        报销还在代办中
      </CheckChoice>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Btn big busy={busy} busyText="正在保存…" onClick={() => void save()}>
        保存
      </Btn>
    </View>
  );
}
