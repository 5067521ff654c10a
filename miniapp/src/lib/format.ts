import { beijingTime, beijingWhen, formatChineseDate } from '@domain';

/** 11月22日 17:05 (with the year when not this year), in Beijing time whatever the phone's time zone. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return beijingWhen(at);
}

/** 17:05 in Beijing time. */
export function formatTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return beijingTime(at);
}

export { formatChineseDate };

/** Speaks phone numbers in groups so they are easier to read aloud: 138 1234 5678. */
export function groupPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
  return phone;
}

export const genderLabels = { male: '男', female: '女' } as const;
