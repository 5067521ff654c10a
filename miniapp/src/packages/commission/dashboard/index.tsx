import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { percent, quarterLabel, SERVICE_CARD, type DashboardFigures, type DashboardResponse } from '@domain';
import { ledgerApi } from '../../../api/ledger';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { MessagingSection } from './MessagingSection';
import { ProblemsSection, RaiseStaleGap } from './ProblemsSection';
import { DoubleSigningSection } from './DoubleSigningSection';
import { GreenChannelSection } from './GreenChannelSection';
import { ChangeListSection } from './ChangeListSection';
import { saveFile } from '../save-file';
import './index.scss';
import { Whole } from '../../../components/Whole';

/** A no-break space: a number stays on the line of its unit when a large font wraps the line. */
const NB = '\u00a0';

/**
 * A bar drawn with views, its figure written beside the label: the length only repeats it.
 * `figure` words the two numbers, on a line of its own, when "part / whole" alone would not say
 * what they count.
 */
function Bar({ label, part, whole, figure }: { label: string; part: number; whole: number; figure?: string }) {
  const p = percent(part, whole);
  return (
    <View className="bar">
      {figure ? (
        <>
          <View className="bar__label">{label}</View>
          <View className="bar__label keep-words">
            {figure}
            {whole > 0 ? `（${p}%）` : ''}
          </View>
        </>
      ) : (
        <View className="bar__label">
          {label}：{part} / {whole}（{p}%）
        </View>
      )}
      <View className="bar__track" aria-hidden>
        <View className="bar__fill" style={{ width: `${p}%` }} />
      </View>
    </View>
  );
}

/** A count written large under its plain label; a warning is said in words, not only in bold. */
function Count({ label, n, unit, warn }: { label: string; n: number; unit: string; warn?: string }) {
  return (
    <View className="count">
      <View className="text">{label}</View>
      <View className={warn && n > 0 ? 'count__n strong' : 'count__n'}>
        {n} {unit}
        {warn && n > 0 ? `（${warn}）` : ''}
      </View>
    </View>
  );
}

function Figures({ f, quarter }: { f: DashboardFigures; quarter: string }) {
  return (
    <>
      <Bar label="联系人齐全的家庭" part={f.familiesWithAllContacts} whole={f.families} />
      <Bar label="家庭医生签约（有意愿的成员中）" part={f.signedMembers} whole={f.wantingMembers} figure={`已签约${NB}${f.signedMembers}${NB}人 / 有意愿${NB}${f.wantingMembers}${NB}人`} />
      <View className="text bar__note keep-words">
        共有成员{`${NB}${f.members}${NB}`}人，其中{`${NB}${f.members - f.wantingMembers}${NB}`}人暂无签约意愿
      </View>
      <Bar label={`持有${SERVICE_CARD}的家庭`} part={f.cardHolders} whole={f.families} />
      <Bar label="本周已联系的家庭" part={f.contactedThisWeek} whole={f.families} />
      <Bar label="本月已走访的家庭" part={f.visitedThisMonth} whole={f.families} />
      <View className="text">
        本月联系 {f.contactsThisMonth} 次，走访 {f.visitsThisMonth} 次，慰问 {f.greetingsThisMonth} 次
      </View>
      <View className="h3 dash-sect">诉求</View>
      <View className="counts">
        <Count label="还没办完的诉求" n={f.requestsOpen} unit="件" />
        <Count label="其中已超过期限" n={f.requestsOverdue} unit="件" warn="请督办" />
      </View>
      <View className="h3 dash-sect">{quarterLabel(quarter)}回访</View>
      {f.surveyAnswered === 0 ? (
        <View className="text">本季度还没有家庭回答。</View>
      ) : (
        <>
          <View className="text">已回答的家庭：{f.surveyAnswered} 户</View>
          <Bar label="知道联系人、会联系（知晓率）" part={f.surveyAware} whole={f.surveyAnswered} />
          <Bar label="满意或很满意（满意度）" part={f.surveySatisfied} whole={f.surveyAnswered} />
        </>
      )}
    </>
  );
}

function Dashboard({ d }: { d: DashboardResponse }) {
  const { busy, failure: error, send } = useFormSend();
  const download = () => send(async () => saveFile(await ledgerApi.exportLedger(d.month, 'xlsx')));
  return (
    <>
      <View className="card">
        <View className="h2">全部（{d.total.families} 户）</View>
        <Figures f={d.total} quarter={d.quarter} />
      </View>
      {d.townships.length > 1
        ? d.townships.map((t) => (
            <View className="card" key={t.townshipId}>
              <View className="h2">
                {t.townshipName}（{t.families} 户）
              </View>
              <Figures f={t} quarter={d.quarter} />
            </View>
          ))
        : null}
      <View className="card">
        <View className="h2">14 天以上未联系（{d.staleCount} 户）</View>
        {d.stale.length === 0 ? <View className="text">没有，所有家庭近两周都联系过。</View> : null}
        {d.stale.map((s) => (
          <View className="stale" key={s.familyId} data-family={s.familyId}>
            <View className="text-lg">{s.familyName}</View>
            <View className="text">
              {s.townshipName} {s.villageName}，{s.daysSince === undefined ? '从未联系' : `${s.daysSince} 天未联系`}
            </View>
          </View>
        ))}
        <RaiseStaleGap d={d} />
      </View>
      <ProblemsSection />
      <DoubleSigningSection />
      <GreenChannelSection g={d.greenChannel} />
      {error ? (
        <Notice tone="error" icon="tips">
          {error}
        </Notice>
      ) : null}
      <Btn big icon="arrowRight" busy={busy} busyText="正在生成…" onClick={download}>
        下载本月台账（Excel）
      </Btn>
      <ChangeListSection today={d.today} />
      <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: '/packages/commission/import/index' })}>
        导入花名册
      </Btn>
      <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: '/packages/team/teams/index' })}>
        家庭医生服务团队
      </Btn>
    </>
  );
}

/** The commission's coverage dashboard (三个全覆盖) for their county or township. */
export default function DashboardPage() {
  const { state, reload } = useRemote(() => ledgerApi.dashboard());
  return (
    <View className="page">
      <View className="h1">覆盖情况</View>
      {state.status === 'ready' ? (
        <View className="text soft mb">
          <Whole>
            截至 {state.data.today}（本周从 {state.data.weekStart} 起）
          </Whole>
        </View>
      ) : null}
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <Dashboard d={state.data} /> : null}
      <MessagingSection />
    </View>
  );
}
