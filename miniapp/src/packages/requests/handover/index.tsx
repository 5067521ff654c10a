import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { beijingDate, contactKindLabels, type ContactKind, type FamilyContactsResponse, type FamilySummary, type HandoverCandidate } from '@domain';
import { api } from '../../../api/client';
import { ledgerApi } from '../../../api/ledger';
import { requestsApi } from '../../../api/requests';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, LoadMore, RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { handleFailure, usePaged } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';

/** The places handed over here; a doctor's place changes with the signing team (签约), not here. */
const KINDS: ContactKind[] = ['village_cadre', 'township_leader', 'volunteer'];
const newKey = () => `ho-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Commission staff hand one place of a family to another person, in four choices: the family,
 * the place, the new person (from the township's contact persons), then confirm. The change is one
 * transaction on the server (the family is never without the contact) and takes effect today.
 */
export default function Handover() {
  const list = usePaged(async (cursor?: string) => {
    await requireMe();
    return api.regionFamilies(cursor);
  });
  const [family, setFamily] = useState<FamilySummary | null>(null);
  const [current, setCurrent] = useState<FamilyContactsResponse | null>(null);
  const [candidates, setCandidates] = useState<HandoverCandidate[]>([]);
  const [kind, setKind] = useState<ContactKind | null>(null);
  const [toStaffId, setTo] = useState<string | null>(null);
  const form = useFormSend();
  const [done, setDone] = useState<string | null>(null);
  const [key, setKey] = useState(newKey);

  const pickFamily = async (familyId: string) => {
    const f = list.items.find((x) => x.familyId === familyId) ?? null;
    setFamily(f);
    setKind(null);
    setTo(null);
    setDone(null);
    form.clear();
    setKey(newKey());
    if (!f) return;
    try {
      const [contacts, staff] = await Promise.all([api.familyContacts(f.familyId), requestsApi.handoverCandidates(f.townshipId)]);
      setCurrent(contacts);
      setCandidates(staff.items);
    } catch (err) {
      form.refuse({}, handleFailure(err));
    }
  };

  const holder = kind ? current?.contacts.find((c) => c.kind === kind) : undefined;
  const choices = candidates.filter((c) => c.kind === kind && c.staffId !== holder?.personId);

  const confirm = async () => {
    if (!family || !kind || !toStaffId) return form.refuse({}, '请把家庭、岗位和新的联系人都选好');
    await form.send(async () => {
      const record = await ledgerApi.handOver(family.familyId, { kind, toStaffId }, key);
      setDone(`${family.familyName}的${contactKindLabels[kind]}已由${record.from?.name ?? '（空缺）'}交接给${record.to.name}`);
      setCurrent(await api.familyContacts(family.familyId));
      setTo(null);
      setKey(newKey());
    });
  };

  return (
    <View className="page">
      <View className="h1">交接联系人</View>
      <View className="text-lg soft mb">交接日期：{beijingDate(new Date())}（今天）。交接后家属马上能看到新的联系人，未办完的诉求一并转交。</View>
      <View className="field">
        <View className="field__label">第一步：选择家庭</View>
        <RemoteStatus state={list.state} reload={list.reload} />
        {list.state.status === 'ready' && list.items.length === 0 ? <Empty text="辖区里还没有家庭。" /> : null}
        {list.items.length ? (
          <RadioChoices
            label="选择家庭"
            value={family?.familyId ?? null}
            onChange={(id) => void pickFamily(id)}
            options={list.items.map((f) => ({ value: f.familyId, label: `${f.familyName}（${f.townshipName}${f.villageName}）` }))}
          />
        ) : null}
        <LoadMore list={list} />
      </View>
      {family && current ? (
        <View className="field">
          <View className="field__label">第二步：交接哪个岗位</View>
          <RadioChoices
            label="交接哪个岗位"
            value={kind}
            onChange={(k) => {
              setKind(k);
              setTo(null);
            }}
            options={KINDS.map((k) => {
              const now = current.contacts.find((c) => c.kind === k);
              return { value: k, label: `${contactKindLabels[k]}：${now ? `现在是${now.name}` : '现在空缺'}` };
            })}
          />
        </View>
      ) : null}
      {family && kind ? (
        <View className="field">
          <View className="field__label">第三步：交给谁</View>
          {choices.length ? (
            <RadioChoices label="交给谁" value={toStaffId} onChange={setTo} options={choices.map((c) => ({ value: c.staffId, label: `${c.name}（${c.organisation}${c.title}）` }))} />
          ) : (
            <Notice tone="info">{family.townshipName}没有可以接任的人员，请先在人员名单里添加。</Notice>
          )}
        </View>
      ) : null}
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      {done ? <Notice tone="ok">{done}</Notice> : null}
      {family && kind ? (
        <Btn big icon="check" busy={form.busy} busyText="正在交接…" onClick={() => void confirm()}>
          确认交接
        </Btn>
      ) : null}
      {done && family ? (
        <View className="mt">
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.contacts, { familyId: family.familyId, staff: '1' }) })}>
            查看这户现在的联系人
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
