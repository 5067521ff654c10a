import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate, familyTypeLabels, formatChineseDate, povertyFlagLabels, povertyFlagNames, SERVICE_CARD, type FamilyDetailsResponse, type FamilyType, type PovertyFlag } from '@domain';
import { lifecycleApi } from '../../../api/lifecycle';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DateField } from '../../../components/DateTimeField';
import { Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import './index.scss';
import { Whole } from '../../../components/Whole';

type Action = 'none' | 'details' | 'death' | 'card' | 'handover';
const newKey = () => `death-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * One family's record as the commission keeps it: its details, the service card, and every change
 * (变更记录, newest first, with what was there before). Commission staff edit the details, record a
 * member's death and reissue the card here; a contact person records handing the card over. Each
 * action is one form at a time, so the page has one main action on screen.
 */
export default function FamilyRecord() {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const data = useRemote(async () => {
    const me = await requireMe();
    const [details, changes] = await Promise.all([lifecycleApi.details(familyId), lifecycleApi.changes(familyId)]);
    return { me, details, changes };
  });
  const [action, setAction] = useState<Action>('none');
  const [done, setDone] = useState<string | null>(null);
  const form = useFormSend();

  const open = (a: Action) => {
    setAction(a);
    setDone(null);
    form.clear();
  };
  const finish = async (message: string) => {
    setDone(message);
    setAction('none');
    await data.reload(true);
  };

  if (!familyId) return <Empty text="没有指定家庭，请从家庭名单进入。" />;
  const state = data.state;
  if (state.status !== 'ready') return <RemoteStatus state={state} reload={data.reload} />;
  const { me, details, changes } = state.data;
  const commission = me.role === 'commission';
  const transferred = details.status === 'transferred_out';

  return (
    <View className="page">
      <View className="h1">{details.familyName}</View>
      <View className="text-lg soft mb">
        {details.townshipName}
        {details.villageName}
        {details.address ? `，${details.address}` : ''}
      </View>
      {transferred ? <Notice tone="info">这户家庭已迁出本县，记录保留，只能查看。</Notice> : null}
      {done ? <Notice tone="ok">{done}</Notice> : null}

      <View className="card">
        <View className="h2">家庭信息</View>
        <View className="text-lg">家庭类别：{familyTypeLabels[details.familyType]}</View>
        {/* One flag a line: three on a line broke inside their words at a larger text size. */}
        {povertyFlagNames.map((f) => (
          <View className="text-lg" key={f}>
            {povertyFlagLabels[f]}：{details[f] ? '是' : '否'}
          </View>
        ))}
        {details.members.map((m) => (
          <View className="text-lg" key={m.personId}>
            {m.name}（{m.relation}）{m.deceasedOn ? `，${formatChineseDate(m.deceasedOn)} 亡故` : ''}
          </View>
        ))}
      </View>

      <View className="card mt">
        <View className="h2">{SERVICE_CARD}</View>
        <View className="text-lg lc-wrap">
          卡号：<Text className="nowrap">{details.card.cardNo}</Text>
        </View>
        <View className="text-lg">状态：{details.card.status === 'active' ? '有效' : '已挂失'}</View>
        <View className="text-lg">
          <Whole>{details.card.handedOver ? `已由${details.card.handedOver.byName}于${formatChineseDate(details.card.handedOver.on)}送达` : '还没有登记送达'}</Whole>
        </View>
        <View className="text-lg">
          <Whole>
            {details.card.infoCardHandedOver ? `联系知情卡已由${details.card.infoCardHandedOver.byName}于${formatChineseDate(details.card.infoCardHandedOver.on)}送达` : '联系知情卡还没有登记送达'}
          </Whole>
        </View>
      </View>

      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}

      {!transferred && action === 'none' ? (
        <View className="lc-actions mt">
          {commission ? (
            <Btn kind="secondary" icon="arrowRight" onClick={() => open('details')}>
              修改家庭信息
            </Btn>
          ) : null}
          <Btn kind="secondary" icon="check" onClick={() => open('handover')}>
            登记送达服务卡
          </Btn>
          {commission ? (
            <Btn kind="secondary" icon="refresh" onClick={() => open('card')}>
              补办服务卡
            </Btn>
          ) : null}
          {commission ? (
            <Btn kind="secondary" icon="tips" onClick={() => open('death')}>
              登记成员亡故
            </Btn>
          ) : null}
        </View>
      ) : null}

      {action === 'details' ? <DetailsForm details={details} form={form} onCancel={() => open('none')} onDone={finish} /> : null}
      {action === 'death' ? <DeathForm details={details} form={form} onCancel={() => open('none')} onDone={finish} /> : null}
      {action === 'card' ? <ReissueForm details={details} form={form} onCancel={() => open('none')} onDone={finish} /> : null}
      {action === 'handover' ? <HandOverForm details={details} form={form} onCancel={() => open('none')} onDone={finish} /> : null}

      <View className="h2 mt">变更记录</View>
      {changes.items.length === 0 ? <Empty text="还没有变更记录。" /> : null}
      {changes.items.map((c) => (
        <View className="card" key={c.changeId}>
          <View className="text-lg strong">{c.kindLabel}</View>
          <View className="text-lg">
            <Whole>{c.summary}</Whole>
          </View>
          {Object.keys(c.before).length ? <View className="text-lg soft">原来：{Object.entries(c.before).map(([k, v]) => `${k} ${v || '（空）'}`).join('；')}</View> : null}
          <View className="text-lg soft">
            {c.at.slice(0, 16).replace('T', ' ')} {c.byName}
          </View>
        </View>
      ))}
    </View>
  );
}

interface FormProps {
  details: FamilyDetailsResponse;
  form: ReturnType<typeof useFormSend>;
  onCancel: () => void;
  onDone: (message: string) => Promise<void>;
}

function Actions({ busy, busyText, confirm, onConfirm, onCancel }: { busy: boolean; busyText: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <View className="lc-actions mt">
      <Btn big icon="check" busy={busy} busyText={busyText} onClick={onConfirm}>
        {confirm}
      </Btn>
      <Btn kind="secondary" onClick={onCancel}>
        取消
      </Btn>
    </View>
  );
}

function DetailsForm({ details, form, onCancel, onDone }: FormProps) {
  const [address, setAddress] = useState(details.address);
  const [familyType, setType] = useState<FamilyType>(details.familyType);
  const [flags, setFlags] = useState<Record<PovertyFlag, boolean>>({ lowIncome: details.lowIncome, registeredPoor: details.registeredPoor, illnessPoverty: details.illnessPoverty });
  const [reason, setReason] = useState('');
  const save = () =>
    void form.send(async () => {
      await lifecycleApi.editDetails(details.familyId, { version: details.version, address, familyType, ...flags, reason: reason.trim() || undefined });
      await onDone('家庭信息已保存，原来的内容记在变更记录里。');
    });
  return (
    <View className="card mt">
      <View className="h2">修改家庭信息</View>
      <TextField id="lc-address" label="家庭住址" value={address} error={form.errors.address} maxlength={100} onInput={setAddress} />
      <RadioChoices id="lc-type" label="家庭类别" value={familyType} onChange={setType} error={form.errors.familyType} options={[{ value: 'bereaved', label: familyTypeLabels.bereaved }, { value: 'disabled', label: familyTypeLabels.disabled }]} />
      {povertyFlagNames.map((f) => (
        <CheckChoice key={f} checked={flags[f]} onChange={(v) => setFlags({ ...flags, [f]: v })}>
          {povertyFlagLabels[f]}
        </CheckChoice>
      ))}
      {familyType !== details.familyType ? <TextField id="lc-reason" label="变更家庭类别的原因" value={reason} error={form.errors.reason} maxlength={200} onInput={setReason} /> : null}
      <Actions busy={form.busy} busyText="正在保存…" confirm="保存" onConfirm={save} onCancel={onCancel} />
    </View>
  );
}

function DeathForm({ details, form, onCancel, onDone }: FormProps) {
  const living = details.members.filter((m) => !m.deceasedOn);
  const [memberId, setMember] = useState<string | null>(living.length === 1 ? living[0]!.personId : null);
  const [diedOn, setDiedOn] = useState(beijingDate(new Date()));
  const [asking, setAsking] = useState(false);
  const [key] = useState(newKey);
  const member = living.find((m) => m.personId === memberId);
  const record = () => {
    setAsking(false);
    if (!member) return form.refuse({ memberId: '请选择成员' }, '请选择亡故的成员');
    void form.send(async () => {
      await lifecycleApi.recordDeath(details.familyId, member.personId, { version: details.version, diedOn }, key);
      await onDone(`已登记${member.name}亡故。签约、随访、预约和提醒已一并终止，已通知这户家庭的联系人。`);
    });
  };
  return (
    <View className="card mt">
      <View className="h2">登记成员亡故</View>
      <RadioChoices id="lc-member" label="亡故的成员" value={memberId} onChange={setMember} error={form.errors.memberId} options={living.map((m) => ({ value: m.personId, label: `${m.name}（${m.relation}）` }))} />
      <DateField id="lc-died" label="亡故日期" value={diedOn} end={beijingDate(new Date())} error={form.errors.diedOn} onChange={setDiedOn} />
      <Actions busy={form.busy} busyText="正在登记…" confirm="登记亡故" onConfirm={() => (member ? setAsking(true) : record())} onCancel={onCancel} />
      <ConfirmDialog
        open={asking}
        title="确认登记亡故"
        message={`登记后，${member?.name ?? ''}的家庭医生签约、随访计划、预约和提醒都会终止，并通知联系人上门慰问。`}
        confirmText="确认登记"
        onConfirm={record}
        onCancel={() => setAsking(false)}
      />
    </View>
  );
}

function ReissueForm({ details, form, onCancel, onDone }: FormProps) {
  const [cardNo, setCardNo] = useState('');
  const save = () =>
    void form.send(async () => {
      const next = await lifecycleApi.reissueCard(details.familyId, { version: details.version, cardNo: cardNo.trim().toUpperCase() });
      await onDone(`已补办新卡 ${next.card.cardNo}，旧卡二维码已失效。请把新卡送到家中后登记送达。`);
    });
  return (
    <View className="card mt">
      <View className="h2">补办{SERVICE_CARD}</View>
      <View className="text-lg soft">补办后旧卡 {details.card.cardNo} 立即失效，医院扫旧卡二维码会被拒绝。</View>
      <TextField id="lc-cardno" label="新卡号" value={cardNo} error={form.errors.cardNo} maxlength={24} onInput={setCardNo} />
      <Actions busy={form.busy} busyText="正在补办…" confirm="补办新卡" onConfirm={save} onCancel={onCancel} />
    </View>
  );
}

function HandOverForm({ details, form, onCancel, onDone }: FormProps) {
  const [card, setCard] = useState(!details.card.handedOver && details.card.status === 'active');
  const [infoCard, setInfoCard] = useState(!details.card.infoCardHandedOver);
  const [on, setOn] = useState(beijingDate(new Date()));
  const save = () =>
    void form.send(async () => {
      await lifecycleApi.handOverCard(details.familyId, { version: details.version, on, card, infoCard });
      await onDone('已登记送达。');
    });
  return (
    <View className="card mt">
      <View className="h2">登记送达</View>
      <CheckChoice checked={card} onChange={setCard}>
        {SERVICE_CARD}
      </CheckChoice>
      <CheckChoice checked={infoCard} onChange={setInfoCard}>
        联系知情卡
      </CheckChoice>
      {form.errors.card ? <Notice tone="error">{form.errors.card}</Notice> : null}
      <DateField id="lc-on" label="送达日期" value={on} end={beijingDate(new Date())} error={form.errors.on} onChange={setOn} />
      <Actions busy={form.busy} busyText="正在登记…" confirm="登记送达" onConfirm={save} onCancel={onCancel} />
    </View>
  );
}
