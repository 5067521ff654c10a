import { useState } from 'react';
import { View } from '@tarojs/components';
import { type RegionTeam, TeamRequest, type TeamStaffLookup, type TeamRole, teamRoleLabels, TeamRole as TeamRoles } from '@domain';
import { api } from '../../../api/client';
import { ApiFailure } from '../../../api/errors';
import { newIdempotencyKey, signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { CheckChoice, RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { FormField } from '../../../components/FormField';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { handleFailure, useRemote } from '../../../lib/remote';

interface Place {
  id: string;
  name: string;
}
/** A village served; `responsibleId` only when the officer chose someone other than the rule's pick. */
interface ServedVillage extends Place {
  responsibleId?: string;
}
interface Draft {
  /** Set when editing an existing team. */
  teamId?: string;
  version?: number;
  name: string;
  townshipId: string;
  villages: ServedVillage[];
  /** `title` is shown only (organisation and title of someone added by number); never sent. */
  members: { personId: string; name: string; role: TeamRole; title?: string }[];
  leadId: string;
  povertyForm: boolean;
  otherVillageId: string;
  otherVillageName: string;
  otherStaffId: string;
  /** The idempotency key of this new team, kept across retries of the same form. */
  key: string;
}

const emptyDraft = (townshipId = ''): Draft => ({
  name: '',
  townshipId,
  villages: [],
  members: [],
  leadId: '',
  povertyForm: false,
  otherVillageId: '',
  otherVillageName: '',
  otherStaffId: '',
  key: newIdempotencyKey(),
});

// The form being filled, kept in memory while the page is left and opened again (never stored).
let draft: Draft | null = null;

/**
 * The region's family-doctor teams for commission staff: each team with its villages and staff,
 * and a form to define or edit one. The villages offered are those of the region's families and
 * teams (a village with no family yet can be typed by its code); the staff offered are those of
 * the region's teams (another doctor can be added by staff number). The server's 400 answers mark
 * the fields; what was typed stays until the team is saved.
 */
export default function Teams() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const [teams, families] = await Promise.all([signingApi.teams(), api.regionFamilies()]);
    const townships = new Map<string, string>();
    const villages = new Map<string, Place & { townshipId: string }>();
    for (const f of families.items) {
      townships.set(f.townshipId, f.townshipName);
      villages.set(f.villageId, { id: f.villageId, name: f.villageName, townshipId: f.townshipId });
    }
    const staff = new Map<string, { personId: string; name: string; title: string }>();
    for (const t of teams.items) {
      for (const v of t.villages) villages.set(v.villageId, { id: v.villageId, name: v.name, townshipId: t.townshipId });
      for (const m of t.members) staff.set(m.personId, { personId: m.personId, name: m.name, title: `${m.organisation}${m.title}` });
    }
    const ownTownship = me.commissionLevel === 'township' ? (me.regionId ?? '') : '';
    return { teams: teams.items, townships: [...townships].map(([id, name]) => ({ id, name })), villages: [...villages.values()], staff: [...staff.values()], ownTownship };
  });
  const [form, setForm] = useState<Draft | null>(draft);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (next: Draft | null) => {
    draft = next;
    setForm(next);
    setSaved(null);
  };

  return (
    <View className="page">
      <View className="h1">家庭医生服务团队</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' && form ? (
        <TeamForm
          initial={form}
          options={state.data}
          onChange={(d) => (draft = d)}
          onDone={(name) => {
            open(null);
            setSaved(name);
            void reload(true);
          }}
          onCancel={() => open(null)}
        />
      ) : null}
      {state.status === 'ready' && !form ? (
        <View>
          {saved ? <Notice tone="ok">已保存“{saved}”。</Notice> : null}
          <Btn big icon="arrowRight" onClick={() => open(emptyDraft(state.data.ownTownship || state.data.townships[0]?.id))}>
            新建服务团队
          </Btn>
          {state.data.teams.length === 0 ? <Empty text="本辖区还没有家庭医生团队。" /> : null}
          {state.data.teams.map((t) => (
            <TeamCard key={t.teamId} team={t} onEdit={() => open(draftOf(t))} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/**
 * Who a village's new contracts name when the officer chooses no one: the server's rule (the team's
 * village doctor, else the lead), shown as the default choice.
 */
const rulePick = (members: { personId: string; role: TeamRole }[], leadId: string) => members.find((m) => m.role === 'village_doctor')?.personId ?? leadId;

function draftOf(t: RegionTeam): Draft {
  const members = t.members.map((m) => ({ personId: m.personId, name: m.name, role: m.role }));
  const byRule = rulePick(members, t.leadId);
  return {
    ...emptyDraft(t.townshipId),
    teamId: t.teamId,
    version: t.version,
    name: t.name,
    villages: t.villages.map((v) => ({ id: v.villageId, name: v.name, ...(v.responsibleId !== byRule ? { responsibleId: v.responsibleId } : {}) })),
    members,
    leadId: t.leadId,
    povertyForm: t.povertyForm,
  };
}

function TeamCard({ team, onEdit }: { team: RegionTeam; onEdit: () => void }) {
  return (
    <View className="card team-card">
      <View className="h2">{team.name}</View>
      {team.povertyForm ? <View className="badge">“1+1+1”团队</View> : null}
      <View className="text">服务：{team.villageNames.join('、')}</View>
      {team.members.map((m) => (
        <View className="text" key={m.personId}>
          {m.name}，{teamRoleLabels[m.role]}
          {m.isLead ? '（团队长）' : ''}
        </View>
      ))}
      <Btn kind="secondary" onClick={onEdit}>
        修改{team.name}
      </Btn>
    </View>
  );
}

interface Options {
  townships: Place[];
  villages: (Place & { townshipId: string })[];
  staff: { personId: string; name: string; title: string }[];
  ownTownship: string;
}

function TeamForm({ initial, options, onChange, onDone, onCancel }: { initial: Draft; options: Options; onChange: (d: Draft) => void; onDone: (name: string) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(initial);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const set = (patch: Partial<Draft>) => {
    const next = { ...d, ...patch };
    setD(next);
    onChange(next);
  };
  const villagesHere = options.villages.filter((v) => v.townshipId === d.townshipId);
  const shownVillages = [...villagesHere, ...d.villages.filter((v) => !villagesHere.some((h) => h.id === v.id))];
  const shownStaff = [...options.staff, ...d.members.filter((m) => !options.staff.some((s) => s.personId === m.personId)).map((m) => ({ ...m, title: m.title ?? '' }))];
  // A number typed is looked up first: the officer confirms the name and workplace before adding.
  const [found, setFound] = useState<TeamStaffLookup | null>(null);
  const [lookup, setLookup] = useState<{ busy: boolean; error?: string }>({ busy: false });

  const toggleVillage = (v: Place, on: boolean) => set({ villages: on ? [...d.villages, v] : d.villages.filter((x) => x.id !== v.id) });
  const toggleStaff = (s: { personId: string; name: string }, on: boolean) =>
    set({
      members: on ? [...d.members, { personId: s.personId, name: s.name, role: 'gp' }] : d.members.filter((m) => m.personId !== s.personId),
      leadId: !on && d.leadId === s.personId ? '' : d.leadId,
    });
  const addOtherVillage = () => {
    if (!d.otherVillageId.trim() || !d.otherVillageName.trim()) return refuse({ otherVillage: '请填写村（社区）编号和名称' });
    set({ villages: [...d.villages, { id: d.otherVillageId.trim(), name: d.otherVillageName.trim() }], otherVillageId: '', otherVillageName: '' });
  };
  const lookUpStaff = async () => {
    const id = d.otherStaffId.trim();
    setFound(null);
    if (!id) return setLookup({ busy: false, error: '请填写医务人员编号' });
    if (d.members.some((m) => m.personId === id)) return setLookup({ busy: false, error: '这位医务人员已经在团队成员里了' });
    setLookup({ busy: true });
    try {
      setFound(await signingApi.teamStaff(id));
      setLookup({ busy: false });
    } catch (err) {
      const fieldError = err instanceof ApiFailure ? err.fields?.['path.staffId'] : undefined;
      setLookup({ busy: false, error: fieldError ?? handleFailure(err) });
    }
  };
  const addFound = (s: TeamStaffLookup) => {
    if (!d.members.some((m) => m.personId === s.personId)) set({ members: [...d.members, { personId: s.personId, name: s.name, role: 'gp', title: `${s.organisation}${s.title}` }], otherStaffId: '' });
    setFound(null);
  };

  // Doctors only: a nurse is never a village's responsible doctor. A choice of someone no longer a
  // team doctor falls back to the rule's pick, shown and sent as such.
  const doctors = d.members.filter((m) => m.role !== 'nurse');
  const byRule = rulePick(d.members, d.leadId);
  const chosen = (v: ServedVillage) => (v.responsibleId && doctors.some((m) => m.personId === v.responsibleId) ? v.responsibleId : undefined);
  const setResponsible = (villageId: string, personId: string) =>
    set({ villages: d.villages.map((v) => (v.id === villageId ? { id: v.id, name: v.name, ...(personId !== byRule ? { responsibleId: personId } : {}) } : v)) });

  const save = () => {
    const body = {
      name: d.name,
      townshipId: d.townshipId,
      villages: d.villages.map((v) => ({ villageId: v.id, name: v.name, ...(chosen(v) ? { responsibleId: chosen(v) } : {}) })),
      leadId: d.leadId,
      members: d.members.map((m) => ({ personId: m.personId, role: m.role })),
      povertyForm: d.povertyForm,
    };
    const parsed = TeamRequest.safeParse(body);
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    void send(async () => {
      if (d.teamId) await signingApi.updateTeam(d.teamId, { ...parsed.data, version: d.version ?? 1 });
      else await signingApi.createTeam(parsed.data, d.key);
      onDone(parsed.data.name);
    });
  };

  return (
    <View>
      <View className="h2">{d.teamId ? `修改：${initial.name}` : '新建服务团队'}</View>
      <TextField id="team-name" label="团队名称" hint="例如：柳林乡卫生院家庭医生团队" value={d.name} error={errors.name} maxlength={30} onInput={(name) => set({ name })} />

      {!options.ownTownship && !d.teamId ? (
        <View className="field">
          <View className="section-title">所在乡镇</View>
          <RadioChoices label="所在乡镇" value={d.townshipId || null} onChange={(townshipId) => set({ townshipId, villages: [] })} options={options.townships.map((t) => ({ value: t.id, label: t.name }))} />
          {errors.townshipId ? <Notice tone="error">{errors.townshipId}</Notice> : null}
        </View>
      ) : null}

      <View className="section-title mt">服务的村（社区）</View>
      {shownVillages.map((v) => (
        <CheckChoice key={v.id} checked={d.villages.some((x) => x.id === v.id)} onChange={(on) => toggleVillage(v, on)}>
          {v.name}
        </CheckChoice>
      ))}
      {d.villages.map((v, i) => (errors[`villages.${i}.villageId`] ? <Notice tone="error" key={v.id}>{`${v.name}：${errors[`villages.${i}.villageId`]}`}</Notice> : null))}
      {errors.villages ? <Notice tone="error">{errors.villages}</Notice> : null}
      <TextField id="other-village-id" label="其他村（社区）编号" hint="还没有家庭档案的村，填写编号，如 v_nanwa" value={d.otherVillageId} onInput={(otherVillageId) => set({ otherVillageId })} />
      <TextField id="other-village-name" label="其他村（社区）名称" value={d.otherVillageName} error={errors.otherVillage} maxlength={20} onInput={(otherVillageName) => set({ otherVillageName })} />
      <Btn kind="secondary" onClick={addOtherVillage}>
        加上这个村
      </Btn>

      <View className="section-title mt">团队成员</View>
      {shownStaff.map((s) => {
        const i = d.members.findIndex((m) => m.personId === s.personId);
        const member = d.members[i];
        return (
          <View key={s.personId} className="card">
            <CheckChoice checked={!!member} onChange={(on) => toggleStaff(s, on)}>
              {s.name}
              {s.title ? `，${s.title}` : ''}
            </CheckChoice>
            {member ? (
              <RadioChoices
                label={`${s.name}在团队里的角色`}
                value={member.role}
                onChange={(role) => set({ members: d.members.map((m) => (m.personId === s.personId ? { ...m, role } : m)) })}
                options={TeamRoles.options.map((r) => ({ value: r, label: teamRoleLabels[r] }))}
              />
            ) : null}
            {i >= 0 && (errors[`members.${i}.personId`] || errors[`members.${i}.role`]) ? <Notice tone="error">{errors[`members.${i}.personId`] ?? errors[`members.${i}.role`]}</Notice> : null}
          </View>
        );
      })}
      {errors.members ? <Notice tone="error">{errors.members}</Notice> : null}
      <TextField
        id="other-staff"
        label="按编号添加医务人员"
        hint="名单里没有的医生，填写其人员编号，如 p_doc05"
        value={d.otherStaffId}
        onInput={(otherStaffId) => {
          set({ otherStaffId });
          setFound(null);
          setLookup({ busy: false });
        }}
      />
      {lookup.error ? <Notice tone="error">{lookup.error}</Notice> : null}
      {found ? (
        <View className="card staff-found">
          <View className="h2">{found.name}</View>
          <View className="text">
            {found.organisation}
            {found.title ? `，${found.title}` : ''}
          </View>
          <View className="text soft">人员编号：{found.personId}。是这位吗？</View>
          <View className="stack mt">
            <Btn kind="secondary" onClick={() => addFound(found)}>
              确认添加{found.name}
            </Btn>
            <Btn kind="secondary" onClick={() => setFound(null)}>
              不是这位
            </Btn>
          </View>
        </View>
      ) : (
        <Btn kind="secondary" busy={lookup.busy} busyText="正在查找…" onClick={() => void lookUpStaff()}>
          查找这位医务人员
        </Btn>
      )}

      <View className="section-title mt">团队长（第一责任人，须为全科医生）</View>
      {d.members.length === 0 ? <View className="text soft">请先选择团队成员。</View> : null}
      <RadioChoices label="团队长" value={d.leadId || null} onChange={(leadId) => set({ leadId })} options={d.members.map((m) => ({ value: m.personId, label: `${m.name}（${teamRoleLabels[m.role]}）` }))} />
      {errors.leadId ? <Notice tone="error">{errors.leadId}</Notice> : null}

      {d.villages.length > 0 && doctors.length > 0 ? (
        <View className="mt">
          <View className="section-title">各村（社区）的负责医生</View>
          <View className="text soft">新签约的居民由这位医生负责。不选时：有乡村医生的由乡村医生负责，否则由团队长负责。</View>
          {d.villages.map((v, i) => (
            <FormField key={v.id} id={`responsible-${i}`} label={`${v.name}的负责医生`} error={errors[`villages.${i}.responsibleId`]}>
              {() => (
                <RadioChoices
                  id={`responsible-${i}`}
                  label={`${v.name}的负责医生`}
                  value={chosen(v) ?? (doctors.some((m) => m.personId === byRule) ? byRule : null)}
                  onChange={(personId) => setResponsible(v.id, personId)}
                  options={doctors.map((m) => ({ value: m.personId, label: `${m.name}，${teamRoleLabels[m.role]}${m.personId === byRule ? '（默认）' : ''}` }))}
                />
              )}
            </FormField>
          ))}
        </View>
      ) : null}

      <View className="mt">
        <CheckChoice checked={d.povertyForm} onChange={(povertyForm) => set({ povertyForm })}>
          “1+1+1”团队（乡村医生、全科医生、专科医生）
        </CheckChoice>
      </View>
      {errors.povertyForm ? <Notice tone="error">{errors.povertyForm}</Notice> : null}

      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <View className="stack mt">
        <Btn big busy={busy} busyText="正在保存…" onClick={save}>
          保存团队
        </Btn>
        <Btn kind="secondary" onClick={onCancel}>
          返回团队列表
        </Btn>
      </View>
    </View>
  );
}
