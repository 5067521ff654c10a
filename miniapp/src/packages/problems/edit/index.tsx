import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { beijingDate, type HandoverCandidate, type Me, PROBLEM_NAME_MAX, PROBLEM_TEXT_MAX, type Problem, ProblemArea, problemAreaLabels, ProblemCreateBody, ProblemUpdateBody } from '@domain';
import { ledgerApi } from '../../../api/ledger';
import { problemsApi } from '../../../api/problems';
import { requestsApi } from '../../../api/requests';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { DateField } from '../../../components/DateTimeField';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';

const newDraftId = () => `pb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

interface Setup {
  me: Me;
  /** Editing: the problem as it was read (its version guards the change). */
  problem?: Problem;
  townships: Array<{ townshipId: string; townshipName: string }>;
}

/**
 * Raise a problem (登记问题) or change an open one. Opened from a gap of the dashboard it comes
 * filled in: the township, the kind, what is wrong and the families behind it (query `townshipId`,
 * `area`, `description`, `gap`, `familyIds`, `familyNames`). The responsible person is chosen from
 * the township's contact persons, so they see the problem in their app.
 */
export default function EditProblem() {
  const { params } = useRouter();
  const problemId = params.problemId;
  const { state, reload } = useRemote(async (): Promise<Setup> => {
    const me = await requireMe();
    if (problemId) {
      const problem = (await problemsApi.list()).items.find((p) => p.problemId === problemId);
      if (!problem) throw new Error('没有找到这个问题，可能已经整改完成，请返回问题台账');
      return { me, problem, townships: [{ townshipId: problem.townshipId, townshipName: problem.townshipName }] };
    }
    const d = await ledgerApi.dashboard();
    return { me, townships: d.townships.map((t) => ({ townshipId: t.townshipId, townshipName: t.townshipName })) };
  });
  return (
    <View className="page">
      <View className="h1">{problemId ? '修改问题' : '登记问题'}</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <ProblemForm setup={state.data} params={params} /> : null}
    </View>
  );
}

function ProblemForm({ setup, params }: { setup: Setup; params: Record<string, string | undefined> }) {
  const p = setup.problem;
  const decode = (v: string | undefined) => (v ? decodeURIComponent(v) : '');
  const prefillTownship = p?.townshipId ?? decode(params.townshipId) ?? '';
  const [townshipId, setTownshipId] = useState(prefillTownship || (setup.townships.length === 1 ? setup.townships[0].townshipId : ''));
  const [area, setArea] = useState<ProblemArea | ''>(p?.area ?? (ProblemArea.options.includes(params.area as ProblemArea) ? (params.area as ProblemArea) : ''));
  const [description, setDescription] = useState(p?.description ?? decode(params.description));
  const [responsibleUnit, setUnit] = useState(p?.responsibleUnit ?? '');
  const [leaderName, setLeader] = useState(p?.leaderName ?? '');
  const [responsiblePersonId, setResponsible] = useState(p?.responsiblePersonId ?? '');
  const [measures, setMeasures] = useState(p?.measures ?? '');
  const [deadline, setDeadline] = useState(p?.deadline ?? '');
  const [draftId, setDraftId] = useState(newDraftId);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useFormSend();
  const familyIds = p ? p.families.map((f) => f.familyId) : decode(params.familyIds).split(',').filter(Boolean);
  const familyNames = p ? p.families.map((f) => f.familyName) : decode(params.familyNames).split(',').filter(Boolean);
  const gap = p?.gap ?? (decode(params.gap) || undefined);

  // The township's contact persons, asked for again whenever another township is chosen.
  const people = useRemote(async (): Promise<HandoverCandidate[]> => (townshipId ? (await requestsApi.handoverCandidates(townshipId)).items : []), { auto: false });
  const reloadPeople = people.reload;
  useEffect(() => {
    void reloadPeople();
  }, [townshipId, reloadPeople]);
  const pickTownship = (t: string) => {
    setTownshipId(t);
    setResponsible('');
  };

  const save = async () => {
    setSaved(null);
    const fields = { area, description: description.trim(), responsibleUnit: responsibleUnit.trim(), leaderName: leaderName.trim(), responsiblePersonId, measures: measures.trim(), deadline };
    if (p) {
      const checked = ProblemUpdateBody.safeParse({ ...fields, version: p.version });
      if (!checked.success) return form.refuse(formErrors(checked.error.issues));
      const ok = await form.send(() => problemsApi.update(p.problemId, checked.data));
      if (ok) setSaved('已保存修改。');
      return;
    }
    const checked = ProblemCreateBody.safeParse({ ...fields, townshipId, ...(gap ? { gap } : {}), ...(familyIds.length ? { familyIds } : {}) });
    if (!checked.success) return form.refuse(formErrors(checked.error.issues));
    const ok = await form.send(async () => {
      const made = await problemsApi.create(checked.data, draftId);
      setSaved(`已登记：${made.townshipName}，${problemAreaLabels[made.area]}，责任人${made.responsibleName}，整改时限 ${made.deadline}。`);
    });
    if (ok) setDraftId(newDraftId());
  };

  if (saved) {
    return (
      <View>
        <Notice tone="ok">{saved}</Notice>
        <Btn big icon="arrowRight" onClick={() => void Taro.redirectTo({ url: paths.problems })}>
          返回问题台账
        </Btn>
      </View>
    );
  }
  const people$ = people.state.status === 'ready' ? people.state.data : [];
  return (
    <View>
      {p || setup.townships.length <= 1 ? (
        <View className="text-lg mb">所属乡镇：{setup.townships.find((t) => t.townshipId === townshipId)?.townshipName ?? ''}</View>
      ) : (
        <View className="field">
          <View className="field__label">所属乡镇</View>
          <RadioChoices id="problem-township" label="所属乡镇" value={townshipId} error={form.errors.townshipId} onChange={pickTownship} options={setup.townships.map((t) => ({ value: t.townshipId, label: t.townshipName }))} />
        </View>
      )}
      <View className="field">
        <View className="field__label">问题类别</View>
        <RadioChoices<ProblemArea> id="problem-area" label="问题类别" value={area || null} error={form.errors.area} onChange={setArea} options={ProblemArea.options.map((a) => ({ value: a, label: problemAreaLabels[a] }))} />
      </View>
      <TextArea id="problem-description" label="存在的问题" value={description} error={form.errors.description} maxlength={PROBLEM_TEXT_MAX} onInput={setDescription} />
      {familyNames.length ? <View className="text mb">涉及家庭：{familyNames.join('、')}</View> : null}
      <TextField id="problem-unit" label="责任单位" hint="例如：柳林乡人民政府" value={responsibleUnit} error={form.errors.responsibleUnit} maxlength={PROBLEM_NAME_MAX} onInput={setUnit} />
      <TextField id="problem-leader" label="责任领导" value={leaderName} error={form.errors.leaderName} maxlength={PROBLEM_NAME_MAX} onInput={setLeader} />
      <View className="field">
        <View className="field__label">责任人（在手机上看到这个问题，并记录整改情况）</View>
        {townshipId ? null : <View className="text soft">请先选择所属乡镇。</View>}
        {townshipId && people.state.status !== 'ready' ? <RemoteStatus state={people.state} reload={people.reload} /> : null}
        {people$.length ? (
          <RadioChoices id="problem-responsible" label="责任人" value={responsiblePersonId || null} error={form.errors.responsiblePersonId} onChange={setResponsible} options={people$.map((c) => ({ value: c.staffId, label: `${c.name}（${c.title}）` }))} />
        ) : null}
      </View>
      <TextArea id="problem-measures" label="整改措施" value={measures} error={form.errors.measures} maxlength={PROBLEM_TEXT_MAX} onInput={setMeasures} />
      <DateField id="problem-deadline" label="整改时限" value={deadline} error={form.errors.deadline} start={beijingDate(Date.now())} onChange={setDeadline} />
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      <Btn big icon="check" busy={form.busy} busyText="正在保存…" onClick={() => void save()}>
        {p ? '保存修改' : '登记问题'}
      </Btn>
    </View>
  );
}
