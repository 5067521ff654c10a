import { Fragment, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import {
  beijingMonth,
  contactKindLabels,
  formatChineseDate,
  mobilityLabels,
  monthMinus,
  percent,
  quarterLabel,
  REPORT_TARGETS,
  reportPeriodLabel,
  SERVICE_CARD,
  type ReportFigures,
  type ReportResponse,
} from '@domain';
import { reportApi } from '../../../api/report';
import { loadSession } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { DoubleSigningFigures } from '../../../components/DoubleSigningFigures';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { RaiseProblem } from '../../../components/RaiseProblem';
import { paths } from '../../../lib/routes';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { saveFile } from '../../commission/save-file';
import { GreenChannelSection } from '../../commission/dashboard/GreenChannelSection';
import './index.scss';

const NB = '\u00a0';

/** The periods offered: whole months ending this month or last month. */
function periods(thisMonth: string) {
  return [
    { key: 'this', label: '本月', from: thisMonth, to: thisMonth },
    { key: 'last', label: '上月', from: monthMinus(thisMonth, 1), to: monthMinus(thisMonth, 1) },
    { key: 'quarter', label: '近三个月', from: monthMinus(thisMonth, 2), to: thisMonth },
    { key: 'year', label: '近一年', from: monthMinus(thisMonth, 11), to: thisMonth },
  ];
}

/**
 * A bar drawn with views, the figure written in words beside it (the length only repeats it);
 * below target it says so in words, not by colour alone.
 */
function Bar({ label, part, whole, target }: { label: string; part: number; whole: number; target?: number }) {
  const p = percent(part, whole);
  const below = target !== undefined && whole > 0 && part / whole < target;
  return (
    <View className="rbar">
      <View className="rbar__label keep-words">
        {label}：{part}
        {NB}/{NB}
        {whole}（{p}%）{below ? `，未达到${NB}${Math.round(target * 100)}%` : ''}
      </View>
      <View className="rbar__track" aria-hidden>
        <View className={below ? 'rbar__fill rbar__fill--below' : 'rbar__fill'} style={{ width: `${p}%` }} />
      </View>
    </View>
  );
}

function Summary({ f, quarter }: { f: ReportFigures; quarter: string }) {
  return (
    <>
      <Bar label="落实双岗联系人的家庭" part={f.familiesWithAllContacts} whole={f.families} target={REPORT_TARGETS.contactCoverage} />
      <Bar label="本期联系到的家庭" part={f.familiesReached} whole={f.families} target={REPORT_TARGETS.reached} />
      <View className="text keep-words mb">
        联系{NB}{f.contacts}{NB}次：走访{NB}{f.visits}、电话{NB}{f.calls}、网络{NB}{f.online}，慰问{NB}{f.greetings}{NB}次
      </View>
      <Bar label="有意愿的成员已签约" part={f.signedMembers} whole={f.wantingMembers} target={REPORT_TARGETS.signingWanting} />
      <Bar label="建档立卡成员已签约" part={f.poorSignedMembers} whole={f.poorMembers} target={REPORT_TARGETS.signingPoor} />
      <Bar label={`持有${SERVICE_CARD}的家庭`} part={f.cardHolders} whole={f.families} target={REPORT_TARGETS.cards} />
      <View className="text keep-words mb">
        本期受理诉求{NB}{f.requestsRaised}{NB}件，解决{NB}{f.requestsResolved}{NB}件；期末办理中{NB}{f.requestsOpen}{NB}件，其中逾期{NB}{f.requestsOverdue}{NB}件
      </View>
      {f.surveyAnswered > 0 ? (
        <>
          <Bar label={`${quarterLabel(quarter)}知晓率`} part={f.surveyAware} whole={f.surveyAnswered} target={REPORT_TARGETS.awareness} />
          <Bar label="满意度" part={f.surveySatisfied} whole={f.surveyAnswered} target={REPORT_TARGETS.satisfaction} />
        </>
      ) : (
        <View className="text mb">{quarterLabel(quarter)}还没有家庭回答知晓率和满意度。</View>
      )}
    </>
  );
}

function Population({ r }: { r: ReportResponse }) {
  return (
    <View className="card">
      <View className="h2">特殊家庭基本情况</View>
      {r.population.map((p) => (
        <View className="rrow" key={p.band}>
          <View className="text-lg">{p.label}</View>
          <View className="text keep-words">
            {p.total.families}{NB}户{NB}{p.total.people}{NB}人（失独{NB}{p.bereaved.families}{NB}户{NB}{p.bereaved.people}{NB}人，伤残{NB}{p.disabled.families}{NB}户{NB}{p.disabled.people}{NB}人）
          </View>
        </View>
      ))}
    </View>
  );
}

/** The last twelve months side by side as bars, each with its number in words. */
function Trend({ r }: { r: ReportResponse }) {
  const max = Math.max(1, ...r.trend.map((m) => m.contacts));
  return (
    <View className="card">
      <View className="h2">近 12 个月联系次数</View>
      {r.trend.map((m) => (
        <View className="trend" key={m.month}>
          <View className="trend__label">
            {m.month.slice(0, 4)}年{Number(m.month.slice(5))}月：{m.contacts}{NB}次，走访{NB}{m.visits}
          </View>
          <View className="rbar__track rbar__track--thin" aria-hidden>
            <View className="rbar__fill" style={{ width: `${Math.round((m.contacts / max) * 100)}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}

function Townships({ r }: { r: ReportResponse }) {
  if (r.townships.length < 2) return null;
  return (
    <View className="card">
      <View className="h2">各乡镇对比</View>
      {r.townships.map((t) => (
        <View className="rrow" key={t.townshipId}>
          <View className="text-lg">{t.townshipName}（{t.families}{NB}户）</View>
          <Bar label="联系到" part={t.familiesReached} whole={t.families} target={REPORT_TARGETS.reached} />
          <Bar label="有意愿已签约" part={t.signedMembers} whole={t.wantingMembers} target={REPORT_TARGETS.signingWanting} />
        </View>
      ))}
    </View>
  );
}

/** A city's counties side by side, each one tap away from its own report. */
function Counties({ r, onPick }: { r: ReportResponse; onPick: (countyId: string) => void }) {
  if (!r.counties) return null;
  return (
    <View className="card">
      <View className="h2">各县对比</View>
      {r.counties.length === 0 ? <View className="text">本市还没有登记县区，请联系管理员。</View> : null}
      {r.counties.map((c) => (
        <View className="rrow" key={c.countyId}>
          <View className="text-lg">
            {c.countyName}（{c.families}{NB}户{NB}{c.members}{NB}人）
          </View>
          <Bar label="落实双岗联系人" part={c.familiesWithAllContacts} whole={c.families} target={REPORT_TARGETS.contactCoverage} />
          <Bar label="联系到" part={c.familiesReached} whole={c.families} target={REPORT_TARGETS.reached} />
          <Bar label="有意愿已签约" part={c.signedMembers} whole={c.wantingMembers} target={REPORT_TARGETS.signingWanting} />
          <Bar label={`持${SERVICE_CARD}`} part={c.cardHolders} whole={c.families} target={REPORT_TARGETS.cards} />
          <View className="text keep-words mb">
            问题：本期登记{NB}{c.problems.raised}{NB}个，尚在整改{NB}{c.problems.open}{NB}个，超过时限{NB}{c.problems.overdue}{NB}个
          </View>
          <Btn kind="secondary" icon="arrowRight" onClick={() => onPick(c.countyId)}>
            只看{c.countyName}
          </Btn>
        </View>
      ))}
    </View>
  );
}

function NameList({ title, names }: { title: string; names: string[] }) {
  if (names.length === 0) return null;
  return (
    <View className="gap">
      <View className="text-lg">
        {title}（{names.length}）
      </View>
      {names.map((n, i) => (
        <View className="text gap__name" key={`${n}-${i}`}>
          {n}
        </View>
      ))}
    </View>
  );
}

function Gaps({ r, readOnly }: { r: ReportResponse; readOnly: boolean }) {
  const g = r.gaps;
  const place = (f: { townshipName: string; villageName: string; familyName: string; countyName?: string }) => `${f.familyName}（${f.countyName ?? ''}${f.townshipName}${f.villageName}）`;
  const empty = Object.values(g).every((l) => l.length === 0);
  return (
    <View className="card">
      <View className="h2">未达标的家庭和人员</View>
      {empty ? <View className="text">没有，各项都已达标。</View> : null}
      <NameList title="联系人未落实" names={g.missingContacts.map((f) => `${place(f)}：缺${f.missing.map((k) => contactKindLabels[k]).join('、')}`)} />
      <NameList title="本期未联系" names={g.notReached.map((f) => `${place(f)}${f.contactNames.length ? `，联系人${f.contactNames.join('、')}` : ''}`)} />
      <NameList title="有未联系家庭的联系人" names={g.staff.map((s) => `${s.countyName ? `${s.countyName}·` : ''}${s.name}：${s.notReached}${NB}户未联系（共${NB}${s.families}${NB}户）`)} />
      <NameList title="建档立卡成员未签约" names={g.poorUnsigned.map((m) => `${m.memberName}，${place(m)}`)} />
      <NameList title="有意愿还未签约" names={g.wantingUnsigned.map((m) => `${m.memberName}，${place(m)}`)} />
      <NameList title={`未持${SERVICE_CARD}`} names={g.withoutCard.map(place)} />
      <NameList title="逾期诉求" names={g.overdueRequests.map((q) => `${place(q)}：${q.title}，应于${NB}${q.dueDate}${NB}前办结`)} />
      {/* Siblings, not wrapped per township: the gap rule between buttons (app.scss) holds across them. */}
      {/* A city officer reads; problems are raised by the county or township. */}
      {(readOnly ? [] : r.townships).map((t) => (
        <Fragment key={t.townshipId}>
          <RaiseProblem townshipId={t.townshipId} townshipName={t.townshipName} area="contacts" gap="report.missingContacts" what="联系人未落实" families={g.missingContacts.filter((f) => f.townshipName === t.townshipName)} />
          <RaiseProblem townshipId={t.townshipId} townshipName={t.townshipName} area="visits" gap="report.notReached" what="本期未联系" families={g.notReached.filter((f) => f.townshipName === t.townshipName)} />
        </Fragment>
      ))}
    </View>
  );
}

/**
 * The signed doctors' follow-ups of the period: monthly visits and, for 失能 and 半失能 elders,
 * weekly calls, done by the doctor's team (a member's own reading does not count), and who missed one.
 */
function FollowUps({ r }: { r: ReportResponse }) {
  const f = r.followUps.total;
  return (
    <View className="card" id="followups">
      <View className="h2">家庭医生随访</View>
      {f.planned === 0 ? (
        <View className="text">本期没有纳入慢病随访计划的签约成员。</View>
      ) : (
        <>
          <View className="text keep-words mb">
            有随访计划的签约成员{NB}{f.planned}{NB}人，其中失能、半失能老人{NB}{f.weeklyMembers}{NB}人。成员自己提交的测量不算医生随访。
          </View>
          <Bar label="医生完成的每月随访" part={f.visitsDone} whole={f.visitsDue} target={1} />
          {f.weeklyMembers > 0 ? <Bar label="失能、半失能老人每周随访" part={f.callsDone} whole={f.callsDue} target={1} /> : null}
          <NameList
            title="医生随访未落实"
            names={r.followUps.gaps.map(
              (g) =>
                `${g.memberName}（${g.familyName}，${mobilityLabels[g.mobility]}），签约医生${g.doctorName}${g.visitsMissed ? `，缺每月随访${NB}${g.visitsMissed}${NB}次` : ''}${g.callsMissed ? `，缺每周随访${NB}${g.callsMissed}${NB}次` : ''}`,
            )}
          />
        </>
      )}
    </View>
  );
}

/** The problem ledger's state for the period, late ones named; one tap to the ledger. */
function Problems({ r, readOnly }: { r: ReportResponse; readOnly: boolean }) {
  const p = r.problems;
  return (
    <View className="card">
      <View className="h2">问题整改</View>
      <View className="text-lg">
        本期登记{NB}{p.raised}{NB}个，已整改{NB}{p.rectified}{NB}个；尚在整改{NB}{p.open}{NB}个
      </View>
      <NameList title="超过整改时限" names={p.overdue.map((o) => `${o.countyName ?? ''}${o.townshipName}·${o.area}：${o.description}（责任人${o.responsibleName}，时限${NB}${o.deadline}）`)} />
      {readOnly ? null : (
        <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: paths.problems })}>
          查看问题台账
        </Btn>
      )}
    </View>
  );
}

/**
 * The self-inspection report (自查报告) of the officer's county or township (a city officer's: the
 * city's, counties side by side, or one county's): one tap per period,
 * figures as bars, the 12-month trend and townships side by side, the names behind every gap,
 * and the Word document to hand upward.
 */
export default function ReportPage() {
  const choices = periods(beijingMonth(new Date()));
  const [chosen, setChosen] = useState(choices[0]);
  // A city officer (市卫健委) sees the counties side by side and may narrow to one of them.
  const city = loadSession()?.me.commissionLevel === 'city';
  const [countyId, setCountyId] = useState<string | undefined>(undefined);
  const asked = { from: chosen.from, to: chosen.to, countyId };
  const { state, reload } = useRemote(() => reportApi.get(asked));
  const { busy, failure, send } = useFormSend();
  // The first load is useRemote's own; a new choice loads again once it is rendered.
  const shownKey = `${chosen.key}|${countyId ?? ''}`;
  const shown = useRef(shownKey);
  useEffect(() => {
    if (shown.current === shownKey) return;
    shown.current = shownKey;
    void reload();
  }, [shownKey, reload]);
  const pick = (c: (typeof choices)[number]) => setChosen(c);
  const download = (format: 'docx' | 'xlsx') => send(async () => saveFile(await reportApi.export(asked, format)));
  return (
    <View className="page">
      <View className="h1">自查报告</View>
      <View className="periods">
        {choices.map((c) => (
          <Btn key={c.key} kind={c.key === chosen.key ? 'primary' : 'secondary'} className="periods__btn" onClick={() => pick(c)}>
            {c.key === chosen.key ? `已选：${c.label}` : c.label}
          </Btn>
        ))}
      </View>
      {city && countyId ? (
        <Btn kind="secondary" icon="arrowRight" onClick={() => setCountyId(undefined)}>
          回到全市
        </Btn>
      ) : null}
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <>
          <View className="text soft mb keep-words">
            {state.data.regionName}，{reportPeriodLabel(state.data.from, state.data.to)}，家庭和人数截至{NB}{formatChineseDate(state.data.asOf)}
          </View>
          <View className="card">
            <View className="h2">
              全部（{state.data.total.families}{NB}户{NB}{state.data.total.members}{NB}人）
            </View>
            <Summary f={state.data.total} quarter={state.data.quarter} />
          </View>
          <Counties r={state.data} onPick={setCountyId} />
          <Population r={state.data} />
          <Townships r={state.data} />
          <Trend r={state.data} />
          <FollowUps r={state.data} />
          <GreenChannelSection g={state.data.greenChannel} period="本期" />
          <Gaps r={state.data} readOnly={city} />
          <DoubleSigningFigures d={state.data.doubleSigning} />
          <Problems r={state.data} readOnly={city} />
          {failure ? (
            <Notice tone="error" icon="tips">
              {failure}
            </Notice>
          ) : null}
          <Btn big icon="arrowRight" busy={busy} busyText="正在生成…" onClick={() => download('docx')}>
            下载自查报告（Word）
          </Btn>
          <Btn kind="secondary" icon="arrowRight" busy={busy} busyText="正在生成…" onClick={() => download('xlsx')}>
            下载统计表（Excel）
          </Btn>
        </>
      ) : null}
    </View>
  );
}
