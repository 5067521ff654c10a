/**
 * Pure calendar and money rules of family-doctor signing. Dates are Beijing calendar dates
 * (YYYY-MM-DD); arithmetic runs on UTC midnights of those dates so the server's time zone never
 * matters. Money is in fen (integer cents) so sums are exact.
 */
import { addDays, daysBetween, isRealDate, isWeekend } from './time';
import type { SigningState } from './signing';

// Re-exported: signing callers have always found these date rules here.
export { addDays, daysBetween, isRealDate, isWeekend };

/**
 * The date `n` working days after `date` (Monday to Friday; `date` itself does not count).
 * Public holidays and the make-up working weekends (调休) are not modelled: the State Council
 * publishes them each December, and a table of them is a documented next step.
 */
export function addWorkingDays(date: string, n: number): string {
  let current = date;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left -= 1;
  }
  return current;
}

/** The team lead answers an application within this many working days, then it escalates. */
export const APPLICATION_ANSWER_WORKING_DAYS = 3;
/** Contracts ending within this many days are listed for renewal and may be renewed. */
export const RENEWAL_WINDOW_DAYS = 30;

/** Last day to answer an application submitted on `submittedOn`. Overdue from the day after. */
export function applicationDeadline(submittedOn: string): string {
  return addWorkingDays(submittedOn, APPLICATION_ANSWER_WORKING_DAYS);
}

export function isApplicationOverdue(deadline: string, today: string): boolean {
  return today > deadline;
}

/** A contract runs one year: from `start` to the day before the same date a year later. */
export function contractEndDate(start: string): string {
  const [y, m, d] = start.split('-').map(Number);
  // Date.UTC rolls 29 Feb into 1 Mar in a common year, so the day before is 28 Feb.
  return addDays(new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10), -1);
}

/**
 * Renewal is open from 30 days before the end, and stays open after a lapse (the member re-signs
 * in one tap). 31 days before the end it is not open yet.
 */
export function isInRenewalWindow(endDate: string, today: string): boolean {
  return daysBetween(today, endDate) <= RENEWAL_WINDOW_DAYS;
}

/** The next contract starts the day after the old one ends, or today if it has lapsed. */
export function renewalStart(endDate: string, today: string): string {
  return today > endDate ? today : addDays(endDate, 1);
}

/**
 * 因病致贫返贫 warning: out-of-pocket medical costs above a share of the family's yearly income.
 * Exactly at the share is not above it. Integer arithmetic: fen and whole percent.
 */
export function isPovertyWarning(outOfPocketFen: number, yearlyIncomeFen: number, sharePercent: number): boolean {
  return outOfPocketFen * 100 > yearlyIncomeFen * sharePercent;
}

/** Default share when a contract does not set its own (configurable per contract). */
export const DEFAULT_WARNING_SHARE_PERCENT = 50;

export interface CostParts {
  totalFen: number;
  basicInsuranceFen: number;
  seriousIllnessFen: number;
  medicalAssistanceFen: number;
  commercialFen: number;
}

export const costPartFields = ['basicInsuranceFen', 'seriousIllnessFen', 'medicalAssistanceFen', 'commercialFen'] as const;

/** What the family paid itself: the total less every part paid by insurance or assistance. */
export function outOfPocketOf(parts: CostParts): number {
  return parts.totalFen - costPartFields.reduce((sum, f) => sum + parts[f], 0);
}

/**
 * Promised services so far: the year's promise pro rata to the days elapsed, rounded down, so a
 * team is never shown behind before a service was due.
 */
export function dueSoFar(promisedPerYear: number, start: string, end: string, today: string): number {
  const total = daysBetween(start, end) + 1;
  const elapsed = Math.min(Math.max(daysBetween(start, today) + 1, 0), total);
  return Math.floor((promisedPerYear * elapsed) / total);
}

export type ImageKind = 'png' | 'jpeg';

/** The image type by its magic bytes, or undefined if it is neither PNG nor JPEG. */
export function imageKindOf(bytes: Uint8Array): ImageKind | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}

export const SIGNATURE_MAX_BYTES = 1024 * 1024;

/**
 * Whether a member in this signing state counts among "those who want a family doctor": they
 * applied, are signed, or were declined and still wait for a team. A member never asked (no state)
 * or whose contract ended (terminated: moved away, died, withdrew) does not. The ONE rule behind
 * both the signing coverage page and the dashboard's running counter, so the two cannot disagree.
 */
export function wantsSigning(state: SigningState | undefined): boolean {
  return state === 'applied' || state === 'signed' || state === 'declined';
}

/** How a move between two signing states changes the "wanting" and "signed" counts (-1, 0, +1). */
export function signingFiguresDelta(from: SigningState | undefined, to: SigningState): { wantingMembers: number; signedMembers: number } {
  return {
    wantingMembers: Number(wantsSigning(to)) - Number(wantsSigning(from)),
    signedMembers: Number(to === 'signed') - Number(from === 'signed'),
  };
}
/** A phone photo of the signed paper form: larger than a drawn signature, still small enough to upload on a village network. */
export const PAPER_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** What an uploaded confirmation image is: the signature drawn in the app, or a photo of the form signed on paper. */
export type ConfirmationImage = 'signature' | 'paper';
export const confirmationImageMaxBytes = (kind: ConfirmationImage): number => (kind === 'paper' ? PAPER_PHOTO_MAX_BYTES : SIGNATURE_MAX_BYTES);
