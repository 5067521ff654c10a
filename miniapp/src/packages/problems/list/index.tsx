import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, type Me, type Problem, PROBLEM_TEXT_MAX, problemAreaLabels, problemStatusLabels, ProblemRectifyBody } from '@domain';
import { problemsApi } from '../../../api/problems';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextArea } from '../../../components/TextArea';
import { formErrors, useFormSend } from '../../../lib/form';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import './index.scss';

type Filter = 'all' | 'overdue' | 'open' | 'rectified';
const filterLabels: Record<Filter, string> = { all: '全部', overdue: '已逾期', open: '整改中', rectified: '已整改' };

/**
 * The problem ledger (问题台账). Commission staff see their county's or township's problems,
 * overdue first, raise new ones and change open ones; everyone else sees the problems they are
 * responsible for (我的整改任务) and records what was done. The result of each action stays on
 * the page as a notice until the next one.
 */
export default function Problems() {
  const [filter, setFilter] = useState<Filter>('all');
  const [done, setDone] = useState<string | null>(null);
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const list = me.role === 'commission' ? await problemsApi.list() : await problemsApi.mine();
    if (me.role !== 'commission') void Taro.setNavigationBarTitle({ title: '我的整改任务' });
    return { me, list };
  });
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });
  const choose = (f: Filter) => {
    setFilter(f);
    setDone(null);
  };
  // The whole list is at hand (tens of problems a county): the filter needs no request.
  const shown = (items: Problem[]) => items.filter((p) => filter === 'all' || (filter === 'overdue' ? p.overdue : p.status === filter));
  const me = state.status === 'ready' ? state.data.me : null;
  const commission = me?.role === 'commission';
  return (
    <View className="page">
      <View className="h1">{me && !commission ? '我的整改任务' : '问题台账'}</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="problem-counts">
            <View className="text-lg">整改中 {state.data.list.counts.open} 件</View>
            <View className={state.data.list.counts.overdue > 0 ? 'text-lg strong' : 'text-lg'}>
              已逾期 {state.data.list.counts.overdue} 件{state.data.list.counts.overdue > 0 ? '（请督办）' : ''}
            </View>
            <View className="text-lg">已整改 {state.data.list.counts.rectified} 件</View>
          </View>
          {commission ? (
            <>
              <Btn big icon="arrowRight" onClick={() => void Taro.navigateTo({ url: paths.problemEdit })}>
                登记新问题
              </Btn>
              <View className="field">
                <View className="field__label">显示哪些问题</View>
                <RadioChoices<Filter> id="problem-filter" label="显示哪些问题" value={filter} onChange={choose} options={(Object.keys(filterLabels) as Filter[]).map((f) => ({ value: f, label: filterLabels[f] }))} />
              </View>
            </>
          ) : null}
          {done ? <Notice tone="ok">{done}</Notice> : null}
          {shown(state.data.list.items).length === 0 ? <Empty text={commission ? '没有这一类的问题。' : '您目前没有需要整改的问题。'} /> : null}
          {shown(state.data.list.items).map((p) => (
            <ProblemCard key={p.problemId} problem={p} me={state.data.me} onRectified={(text) => { setDone(text); void reload(true); }} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** The word and its frame (app.scss .badge-word): overdue in red, rectified in green. */
function statusWord(p: Problem): { word: string; className: string } {
  if (p.overdue) return { word: '已逾期', className: 'badge-word badge-word--urgent' };
  return { word: problemStatusLabels[p.status], className: p.status === 'rectified' ? 'badge-word badge-word--done' : 'badge-word' };
}

function ProblemCard({ problem: p, me, onRectified }: { problem: Problem; me: Me; onRectified: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [evidence, setEvidence] = useState('');
  const form = useFormSend();
  const status = statusWord(p);
  const canRectify = p.status === 'open' && (me.role === 'commission' || p.responsiblePersonId === me.personId);
  const rectify = async () => {
    const checked = ProblemRectifyBody.safeParse({ evidence: evidence.trim(), version: p.version });
    if (!checked.success) return form.refuse(formErrors(checked.error.issues));
    const ok = await form.send(() => problemsApi.rectify(p.problemId, checked.data));
    if (ok) onRectified(`已记录整改完成：${p.townshipName}，${problemAreaLabels[p.area]}。`);
  };
  return (
    <View className={`card${p.overdue ? ' problem-card--overdue' : ''}`} data-problem={p.problemId}>
      <View className="row">
        <View className={status.className}>{status.word}</View>
        <View className="h3">
          {p.townshipName} · {problemAreaLabels[p.area]}
        </View>
      </View>
      <View className="text-lg strong mt">{p.description}</View>
      <View className="text">整改措施：{p.measures}</View>
      <View className="text">
        整改时限：{formatChineseDate(p.deadline)}
        {p.overdue ? '（已过期限）' : ''}
      </View>
      <View className="text">
        责任单位：{p.responsibleUnit}；责任领导：{p.leaderName}；责任人：{p.responsibleName}
      </View>
      {p.families.length ? <View className="text">涉及家庭：{p.families.map((f) => f.familyName).join('、')}</View> : null}
      {p.status === 'rectified' ? (
        <View className="text">
          整改情况：{p.evidence}（{p.rectifiedByName}，{p.rectifiedAt ? formatChineseDate(p.rectifiedAt) : ''}）
        </View>
      ) : null}
      <View className="text soft">
        {p.raisedByName} 于 {formatChineseDate(p.raisedAt)} 登记
      </View>
      {me.role === 'commission' && p.status === 'open' ? (
        <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: withQuery(paths.problemEdit, { problemId: p.problemId }) })}>
          修改措施或时限
        </Btn>
      ) : null}
      {canRectify && !open ? (
        <Btn kind="secondary" icon="check" onClick={() => setOpen(true)}>
          记录整改情况
        </Btn>
      ) : null}
      {canRectify && open ? (
        <View className="mt">
          <TextArea id={`evidence-${p.problemId}`} label="整改情况" hint="写明做了什么、什么时候做的，作为整改的依据" value={evidence} error={form.errors.evidence} maxlength={PROBLEM_TEXT_MAX} onInput={(v) => {
              setEvidence(v);
              // The one field of this form: once it is being written, the old "请填写" no longer applies.
              if (form.errors.evidence) form.clear();
            }} />
          {form.failure ? (
            <Notice tone="error" icon="tips">
              {form.failure}
            </Notice>
          ) : null}
          <Btn big icon="check" busy={form.busy} busyText="正在提交…" onClick={() => void rectify()}>
            提交整改情况
          </Btn>
        </View>
      ) : null}
    </View>
  );
}
