import { useEffect, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { addDays, beijingDate, formatChineseDate, periodLabels, weekdayOf, type Institution, type SessionView } from '@domain';
import { bookingApi } from '../../../api/booking';
import { RadioChoices } from '../../../components/Choice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { handleFailure } from '../../../lib/remote';

const weekdayNames = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

type Sessions = { status: 'idle' | 'loading' | 'ready' | 'error'; items: SessionView[]; message?: string };

export interface SessionPickerOptions {
  institutions: Institution[];
  /** How many days from tomorrow are offered. */
  days: number;
  initialInstitutionId?: string | null;
  /** Reschedule: the institution is fixed, only department, day and session are chosen. */
  fixedInstitutionId?: string;
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
}

/**
 * Choose institution → department → day → session: the steps every booking form shares (a
 * member's booking, a reschedule, a doctor's referral). The choices stay on screen whatever the
 * server answers; the sessions of a day are one request.
 */
export function useSessionPicker({ institutions, days, initialInstitutionId, fixedInstitutionId, renderClosed }: SessionPickerOptions): SessionPicker {
  const [picked, setInstitutionId] = useState<string | null>(initialInstitutionId ?? null);
  const institutionId = fixedInstitutionId ?? picked;
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [sessions, setSessions] = useState<Sessions>({ status: 'idle', items: [] });

  const load = async () => {
    if (!institutionId || !departmentId || !date) return;
    setSessions({ status: 'loading', items: [] });
    try {
      setSessions({ status: 'ready', items: (await bookingApi.sessions(institutionId, date, departmentId)).items });
    } catch (err) {
      setSessions({ status: 'error', items: [], message: handleFailure(err) });
    }
  };
  useEffect(() => {
    setSessionId(null);
    void load();
    // Reload when the choice changes; load reads the same three values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [institutionId, departmentId, date]);

  const institution = institutions.find((i) => i.institutionId === institutionId);
  const bookable = sessions.items.filter((s) => s.bookable);
  const closed = renderClosed ? sessions.items.filter((s) => !s.bookable) : [];
  const chosen = bookable.find((s) => s.sessionId === sessionId);
  const today = beijingDate(new Date());
  const dayList = Array.from({ length: days }, (_, i) => addDays(today, i + 1));
  const n = fixedInstitutionId ? 0 : 1;
  const sessionTitle = (s: SessionView) => `${periodLabels[s.period]} ${s.startsAt.slice(11, 16)} ${s.doctorName}`;

  const element = (
    <>
      {fixedInstitutionId ? null : (
        <View className="card">
          <View className="h3">1. 选择医院</View>
          {institutions.length === 0 ? <Empty text="本县还没有登记定点医院。" /> : null}
          <RadioChoices
            label="选择医院"
            value={institutionId}
            onChange={(v) => {
              setInstitutionId(v);
              setDepartmentId(null);
            }}
            options={institutions.map((i) => ({ value: i.institutionId, label: i.name }))}
          />
        </View>
      )}
      {institution ? (
        <View className="card">
          <View className="h3">{n + 1}. 选择科室</View>
          <RadioChoices label="选择科室" value={departmentId} onChange={setDepartmentId} options={institution.departments.map((d) => ({ value: d.departmentId, label: d.name }))} />
        </View>
      ) : null}
      {departmentId ? (
        <View className="card">
          <View className="h3">{n + 2}. 选择日期</View>
          <RadioChoices label="选择日期" value={date} onChange={setDate} options={dayList.map((d) => ({ value: d, label: `${formatChineseDate(d)} ${weekdayNames[weekdayOf(d)]}` }))} />
        </View>
      ) : null}
      {date && institutionId ? (
        <View className="card">
          <View className="h3">{n + 3}. 选择时段</View>
          {sessions.status === 'loading' ? <Loading text="正在查看号源…" /> : null}
          {sessions.status === 'error' ? <ErrorState message={sessions.message ?? '号源没有加载出来'} onRetry={() => void load()} /> : null}
          {sessions.status === 'ready' && sessions.items.length === 0 ? <Empty text="这一天这个科室不出诊，请换一天。" /> : null}
          {sessions.status === 'ready' && sessions.items.length > 0 && bookable.length === 0 && closed.length === 0 ? <Empty text="这一天没有可以预约的优先号，请换一天。" /> : null}
          {bookable.length ? (
            <RadioChoices
              label="选择时段"
              value={sessionId}
              onChange={setSessionId}
              options={bookable.map((s) => ({
                value: s.sessionId,
                label: (
                  <View>
                    <View className="text-lg strong">{sessionTitle(s)}</View>
                    <View className="text">{s.inWords}</View>
                  </View>
                ),
              }))}
            />
          ) : null}
          {closed.map((s) => (
            <View className="session-closed" key={s.sessionId}>
              <View className="text-lg strong">{sessionTitle(s)}</View>
              <View className="text">{s.inWords}</View>
              {renderClosed?.(s, institutionId)}
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
  return { institutionId, chosen, reload: () => void load(), element };
}
