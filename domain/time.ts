/**
 * Beijing time: the one module that computes it, for the backend and the mini-program alike.
 *
 * Instants are stored as ISO-8601 with the +08:00 offset (or as epoch numbers where DynamoDB needs
 * one, e.g. TTLs) and are always shown in Beijing time; calendar dates (YYYY-MM-DD) are Beijing
 * dates. China has had no daylight saving since 1991, so Beijing is always UTC+8: shifting the
 * epoch by a fixed offset keeps every result independent of the server's or the phone's time-zone
 * setting and needs no time-zone database in the mini-program bundle. Date arithmetic runs on UTC
 * midnights of the dates, where no offset is involved.
 */

/** The offset every stored instant is written with. */
export const BEIJING_OFFSET = '+08:00';
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** Anything that names an instant: a Date, epoch milliseconds or an ISO-8601 string with offset. */
export type InstantLike = Date | number | string;

function beijingParts(at: InstantLike) {
  const shifted = new Date(new Date(at).getTime() + BEIJING_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

// ---- Instants, read in Beijing -------------------------------------------------------------

/** The calendar date in Beijing, YYYY-MM-DD. */
export function beijingDate(at: InstantLike): string {
  const p = beijingParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The month in Beijing, YYYY-MM. */
export const beijingMonth = (at: InstantLike): string => beijingDate(at).slice(0, 7);

/** ISO-8601 instant written in Beijing time with its offset, e.g. 2026-11-22T17:05:09+08:00. */
export function toBeijingIso(at: InstantLike): string {
  const p = beijingParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${BEIJING_OFFSET}`;
}

/** Wall-clock time in Beijing, 17:05. */
export function beijingTime(at: InstantLike): string {
  const p = beijingParts(at);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * How a user reads an instant: its Beijing date as formatChineseDate writes it and the time,
 * 11月24日 08:00 (2025年11月24日 08:00 when not in the year of `now`). Pages and messages alike;
 * handlers pass their request's `now` so the words follow the clock they run on.
 */
export function beijingWhen(at: InstantLike, now: InstantLike = Date.now()): string {
  return `${formatChineseDate(beijingDate(at), beijingDate(now))} ${beijingTime(at)}`;
}

// ---- Beijing wall-clock times, as instants -------------------------------------------------

/** The ISO instant (with +08:00) of a Beijing wall-clock time on a date; midnight by default. */
export const beijingIso = (date: string, hhmm = '00:00'): string => `${date}T${hhmm}:00${BEIJING_OFFSET}`;

/** The instant a Beijing wall-clock time happens, whatever the server's zone. */
export const beijingInstant = (date: string, hhmm: string): Date => new Date(beijingIso(date, hhmm));

/** The first instant of a Beijing calendar day (00:00 Beijing = 16:00 UTC the day before). */
export const beijingDayStart = (date: string): Date => beijingInstant(date, '00:00');

/** The end of a Beijing calendar day, exclusive: the first instant of the next day. */
export const beijingDayEnd = (date: string): Date => beijingDayStart(addDays(date, 1));

// ---- Calendar dates (YYYY-MM-DD, Beijing) --------------------------------------------------

const utcMidnight = (date: string): Date => new Date(`${date.slice(0, 10)}T00:00:00Z`);
const dateOf = (d: Date): string => d.toISOString().slice(0, 10);

/** Whether a YYYY-MM-DD string names a real calendar day (rejects 2026-02-30). */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = utcMidnight(date);
  return !Number.isNaN(d.getTime()) && dateOf(d) === date;
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = utcMidnight(date);
  d.setUTCDate(d.getUTCDate() + days);
  return dateOf(d);
}

/** Calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const d = utcMidnight(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return dateOf(d);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative if `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to).getTime() - utcMidnight(from).getTime()) / DAY_MS);
}

/** Day of week (1 = Monday … 7 = Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  const d = utcMidnight(date).getUTCDay();
  return d === 0 ? 7 : d;
}

export const isWeekend = (date: string): boolean => weekdayOf(date) >= 6;

/** Monday of the date's week (weeks start on Monday in China), YYYY-MM-DD. */
export const weekStart = (date: string): string => addDays(date, 1 - weekdayOf(date));

/** The month of a date or of an instant written with +08:00, YYYY-MM. */
export const monthOf = (isoDate: string): string => isoDate.slice(0, 7);

/** The quarter of a date, e.g. 2026-Q4. */
export const quarterOf = (isoDate: string) => `${isoDate.slice(0, 4)}-Q${Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The one way a date reads to a user, on every page and in every message: 11月22日 within the
 * current (Beijing) year, 2025年11月22日 otherwise; no leading zeros. Takes a YYYY-MM-DD date or an
 * ISO instant (read in Beijing). API payloads and form values stay YYYY-MM-DD.
 */
export function formatChineseDate(isoDate: string, today: string = beijingDate(Date.now())): string {
  const date = isoDate.length > 10 && isoDate.includes('T') ? beijingDate(isoDate) : isoDate.slice(0, 10);
  const [y, m, d] = date.split('-').map(Number);
  return y === Number(today.slice(0, 4)) ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}
