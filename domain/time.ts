// China has had no daylight saving since 1991, so Beijing time is always UTC+8. Computing it from
// the epoch keeps results independent of the server's or the phone's time-zone setting.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijingParts(at: Date) {
  const shifted = new Date(at.getTime() + BEIJING_OFFSET_MS);
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

/** The calendar date in Beijing, YYYY-MM-DD. */
export function beijingDate(at: Date): string {
  const p = beijingParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO-8601 instant written in Beijing time with its offset, e.g. 2026-11-22T17:05:09+08:00. */
export function toBeijingIso(at: Date): string {
  const p = beijingParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}

/** How a date reads to a user: 2026年11月22日. */
export function formatChineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** A calendar date (YYYY-MM-DD) moved by whole days; pure date arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative if `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
