import { useEffect, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { addDays, beijingDate, formatChineseDate, periodLabels, weekdayOf, type Institution, type SessionView } from '@domain';
import { bookingApi } from '../../../api/booking';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { handleFailure } from '../../../lib/remote';
import { Whole } from '../../../components/Whole';

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

type Sessions = { status: 'idle' | 'loading' | 'ready' | 'error'; items: SessionView[]; message?: string };

export interface SessionPickerOptions {
  institutions: Institution[];
  /** How many days from tomorrow are offered (at most the booking window: one request covers them). */
  days: number;
  /** Chosen already when they arrive (the family's hospital, the department used last); the member can change them. */
  initialInstitutionId?: string | null;
  initialDepartmentId?: string | null;
  /** Reschedule: the institution is fixed, only department, day and session are chosen. */
  fixedInstitutionId?: string;
  /**
   * When the hospital and department arrive chosen (the family's usual ones, or 再约一次), show
   * them as one line with 换一个 instead of both lists: the common case then reads as "this place,
   * which day, which time". 换一个 opens the lists.
   */
  collapseChosen?: boolean;
  /** What to show under a session that cannot be booked (e.g. a waiting-list button); without it, such sessions are not listed. */
  renderClosed?: (s: SessionView, institutionId: string) => ReactNode;
}

export interface SessionPicker {
  institutionId: string | null;
  /** The bookable session chosen, if any. */
  chosen: SessionView | undefined;
  /** Look at the places again (after a refused booking: someone may have taken the last one). */
  reload: () => void;
  /** Steps 1–4 (institution, department, day, session) as cards. */
  element: ReactNode;
  /** How many numbered steps the cards show, so the page numbers its own steps after them. */
  steps: number;
}

/** Consecutive sessions that can be chosen form one radio group; a closed one stands between them, in time order. */
function runs(items: SessionView[]): Array<{ bookable: boolean; items: SessionView[] }> {
  const out: Array<{ bookable: boolean; items: SessionView[] }> = [];
  for (const s of items) {
    const last = out[out.length - 1];
    if (last && last.bookable === s.bookable) last.items.push(s);
    else out.push({ bookable: s.bookable, items: [s] });
  }
  return out;
}

/**
 * Choose institution → department → day → session: the steps every booking form shares (a
 * member's booking, a reschedule, a doctor's referral). The department's whole week is one request,
 * so the first day with places is chosen already and every day says whether it has any. The
 * choices stay on screen whatever the server answers.
 */
export function useSessionPicker({ institutions, days, initialInstitutionId, initialDepartmentId, fixedInstitutionId, collapseChosen, renderClosed }: SessionPickerOptions): SessionPicker {
  const [picked, setInstitutionId] = useState<string | null>(initialInstitutionId ?? null);
  const institutionId = fixedInstitutionId ?? picked;
  const [departmentId, setDepartmentId] = useState<string | null>(initialDepartmentId ?? null);
  const [date, setDate] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [sessions, setSessions] = useState<Sessions>({ status: 'idle', items: [] });
  // 换一个 was tapped: the lists stay open from then on.
  const [choosing, setChoosing] = useState(false);
  // The defaults usually arrive after the first render (they come from the family's bookings):
  // take them once, and never over what the member has chosen.
  const [seeded, setSeeded] = useState(false);
  useEffect(() => {
    if (seeded || (!initialInstitutionId && !initialDepartmentId)) return;
    setSeeded(true);
    if (initialInstitutionId && !picked) setInstitutionId(initialInstitutionId);
    if (initialDepartmentId && !departmentId) setDepartmentId(initialDepartmentId);
    // Only the arriving defaults matter here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialInstitutionId, initialDepartmentId]);

  const today = beijingDate(new Date());
  const dayList = Array.from({ length: days }, (_, i) => addDays(today, i + 1));
  const load = async (keepDate: boolean) => {
    if (!institutionId || !departmentId) return;
    setSessions({ status: 'loading', items: [] });
    try {
      const items = (await bookingApi.sessions(institutionId, dayList[0]!, departmentId, days)).items;
      setSessions({ status: 'ready', items });
      if (!keepDate) setDate(dayList.find((d) => items.some((s) => s.date === d && s.bookable)) ?? dayList[0]!);
    } catch (err) {
      setSessions({ status: 'error', items: [], message: handleFailure(err) });
    }
  };
  useEffect(() => {
    setSessionId(null);
    setDate(null);
    void load(false);
    // Reload when the choice changes; load reads the same two values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [institutionId, departmentId]);

  const institution = institutions.find((i) => i.institutionId === institutionId);
  const department = institution?.departments.find((d) => d.departmentId === departmentId);
  const collapsed = !!collapseChosen && !choosing && !fixedInstitutionId && !!institution && !!department;
  const ofDay = sessions.items.filter((s) => s.date === date && (s.bookable || renderClosed));
  const bookable = ofDay.filter((s) => s.bookable);
  const chosen = bookable.find((s) => s.sessionId === sessionId);
  // Steps before the day: none (institution fixed), one (the collapsed line) or two (the lists).
  const n = fixedInstitutionId || collapsed ? 0 : 1;
  const sessionTitle = (s: SessionView) => `${periodLabels[s.period]} ${s.startsAt.slice(11, 16)} ${s.doctorName}`;
  const hasPlaces = (d: string) => sessions.items.some((s) => s.date === d && s.bookable);
  const sessionLabel = (s: SessionView) => (
    <View>
      <View className="text-lg strong">{sessionTitle(s)}</View>
      <View className="text">
        <Whole>{s.inWords}</Whole>
      </View>
    </View>
  );

  const element = (
    <>
      {collapsed ? (
        <View className="card">
          <View className="h3">1. 医院和科室</View>
          <View className="chosen-place">
            <View className="text-lg strong chosen-place__name">
              {institution.name} · {department.name}
            </View>
            <Btn kind="secondary" className="chosen-place__change" onClick={() => setChoosing(true)}>
              换一个
            </Btn>
          </View>
        </View>
      ) : null}
      {fixedInstitutionId || collapsed ? null : (
        <View className="card">
          <View className="h3">1. 选择医院</View>
          {institutions.length === 0 ? <Empty text="本县还没有登记定点医院。" /> : null}
          <RadioChoices
            label="选择医院"
            value={institutionId}
            onChange={(v) => {
              if (v === institutionId) return;
              setInstitutionId(v);
              setDepartmentId(null);
            }}
            options={institutions.map((i) => ({ value: i.institutionId, label: i.name }))}
          />
        </View>
      )}
      {institution && !collapsed ? (
        <View className="card">
          <View className="h3">{n + 1}. 选择科室</View>
          <RadioChoices label="选择科室" value={departmentId} onChange={setDepartmentId} options={institution.departments.map((d) => ({ value: d.departmentId, label: d.name }))} />
        </View>
      ) : null}
      {departmentId && institutionId ? (
        <View className="card">
          <View className="h3">{n + 2}. 选择日期</View>
          {sessions.status === 'loading' ? <Loading text="正在查看号源…" /> : null}
          {sessions.status === 'error' ? <ErrorState message={sessions.message ?? '号源没有加载出来'} onRetry={() => void load(true)} /> : null}
          {sessions.status === 'ready' ? (
            <RadioChoices
              label="选择日期"
              value={date}
              onChange={(d) => {
                setDate(d);
                setSessionId(null);
              }}
              options={dayList.map((d) => ({ value: d, label: `${formatChineseDate(d)} ${weekdayNames[weekdayOf(d)]}${hasPlaces(d) ? ' · 有优先号' : ''}` }))}
            />
          ) : null}
        </View>
      ) : null}
      {date && institutionId && sessions.status === 'ready' ? (
        <View className="card">
          <View className="h3">{n + 3}. 选择时段</View>
          {!sessions.items.some((s) => s.date === date) ? <Empty text="这一天这个科室不出诊，请换一天。" /> : null}
          {sessions.items.some((s) => s.date === date) && ofDay.length === 0 ? <Empty text="这一天没有可以预约的优先号，请换一天。" /> : null}
          {runs(ofDay).map((run) =>
            run.bookable ? (
              <RadioChoices
                key={run.items[0]!.sessionId}
                label="选择时段"
                value={sessionId}
                onChange={setSessionId}
                options={run.items.map((s) => ({ value: s.sessionId, label: sessionLabel(s) }))}
              />
            ) : (
              run.items.map((s) => (
                <View className="session-closed" key={s.sessionId}>
                  <View className="text-lg strong">{sessionTitle(s)}</View>
                  <View className="text">
                    <Whole>{s.inWords}</Whole>
                  </View>
                  {renderClosed?.(s, institutionId)}
                </View>
              ))
            ),
          )}
        </View>
      ) : null}
    </>
  );
  return { institutionId, chosen, reload: () => void load(true), element, steps: n + 3 };
}
