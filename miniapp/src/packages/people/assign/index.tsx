import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { contactKindLabels, staffPosts, type ContactKind, type StaffView } from '@domain';
import { api } from '../../../api/client';
import { ledgerApi } from '../../../api/ledger';
import { peopleApi } from '../../../api/people';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, LoadMore, RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { handleFailure, usePaged } from '../../../lib/remote';

/** Places assigned here: a doctor's place changes with the signing team (签约). Social helpers add to a family's helpers. */
const KINDS: ContactKind[] = ['village_cadre', 'township_leader', 'volunteer', 'county_contact'];

/**
 * Assigns a township's families in bulk: the place, the person, then the families. Each family's
 * place changes hands at once (no family is left without it) and the family is told; a social
 * helper is added beside the family's other helpers.
 */
export default function Assign() {
  const [townships, setTownships] = useState<Array<{ townshipId: string; townshipName: string }>>([]);
  const [townshipId, setTownship] = useState<string | null>(null);
  const [kind, setKind] = useState<ContactKind | null>(null);
  const [staff, setStaff] = useState<StaffView[]>([]);
  const [toStaffId, setTo] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const form = useFormSend();
  const families = usePaged(async (cursor?: string) => {
    await requireMe();
    return api.regionFamilies(cursor);
  });

  useEffect(() => {
    Promise.all([ledgerApi.dashboard(), peopleApi.list()]).then(
      ([dash, people]) => {
        setTownships(dash.townships.map((t) => ({ townshipId: t.townshipId, townshipName: t.townshipName })));
        setStaff(people.items.filter((s) => s.status === 'active'));
      },
      (err: unknown) => form.refuse({}, handleFailure(err)),
    );
  }, []);

  const candidates = staff.filter((s) => kind && staffPosts[s.post].kind === kind && (kind === 'county_contact' || s.townshipId === townshipId));
  const inTownship = families.items.filter((f) => f.townshipId === townshipId);

  const assign = () => {
    if (!townshipId || !kind || !toStaffId || chosen.length === 0) return form.refuse({}, '请把乡镇、岗位、人员和家庭都选好');
    return form.send(async () => {
      const res = await peopleApi.bulkAssign(townshipId, { assignments: chosen.map((familyId) => ({ familyId, kind, toStaffId })) });
      const who = staff.find((s) => s.personId === toStaffId)?.name ?? '';
      setDone(`已把 ${res.assigned} 户家庭的${contactKindLabels[kind]}安排为${who}，家属会收到通知。`);
      setChosen([]);
    });
  };

  return (
    <View className="page">
      <View className="h1">安排联系人和帮扶人员</View>
      <View className="text-lg soft mb">一次可以给一个乡镇的多户家庭安排同一位人员。原来的联系人同时交接，家庭不会出现空缺。</View>
      <View className="field">
        <View className="field__label">第一步：选择乡镇</View>
        <RadioChoices
          label="选择乡镇"
          value={townshipId}
          onChange={(t) => {
            setTownship(t);
            setTo(null);
            setChosen([]);
            setDone(null);
          }}
          options={townships.map((t) => ({ value: t.townshipId, label: t.townshipName }))}
        />
      </View>
      {townshipId ? (
        <View className="field">
          <View className="field__label">第二步：安排哪个岗位</View>
          <RadioChoices
            label="安排哪个岗位"
            value={kind}
            onChange={(k) => {
              setKind(k);
              setTo(null);
            }}
            options={KINDS.map((k) => ({ value: k, label: k === 'volunteer' ? '帮扶人员（志愿者、计生协会员、爱心人士）' : contactKindLabels[k] }))}
          />
        </View>
      ) : null}
      {townshipId && kind ? (
        <View className="field">
          <View className="field__label">第三步：安排给谁</View>
          {candidates.length ? (
            <RadioChoices label="安排给谁" value={toStaffId} onChange={setTo} options={candidates.map((s) => ({ value: s.personId, label: `${s.name}（${s.organisation}${s.title}）` }))} />
          ) : (
            <Notice tone="info">这个乡镇还没有这个岗位的人员，请先在人员管理里添加。</Notice>
          )}
        </View>
      ) : null}
      {townshipId && kind && toStaffId ? (
        <View className="field">
          <View className="field__label">第四步：选择家庭（已选 {chosen.length} 户）</View>
          <RemoteStatus state={families.state} reload={families.reload} />
          {families.state.status === 'ready' && inTownship.length === 0 ? <Empty text="这个乡镇还没有家庭。" /> : null}
          {inTownship.map((f) => (
            <CheckChoice key={f.familyId} checked={chosen.includes(f.familyId)} onChange={(on) => setChosen((c) => (on ? [...c, f.familyId] : c.filter((x) => x !== f.familyId)))}>
              {f.familyName}（{f.villageName}）
            </CheckChoice>
          ))}
          <LoadMore list={families} />
        </View>
      ) : null}
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      {done ? <Notice tone="ok">{done}</Notice> : null}
      {toStaffId ? (
        <Btn big icon="check" busy={form.busy} busyText="正在安排…" onClick={() => void assign()}>
          确认安排
        </Btn>
      ) : null}
    </View>
  );
}
