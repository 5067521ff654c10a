import { festivalDates } from './festival-dates';
import type { ContactType } from './ledger';

/*
 * How a recorded contact counts, on its own module: every write that moves the ledger's counters
 * (a message answered, a visit recorded) needs these two rules, and importing them from ledger.ts
 * would pull all of the ledger's schemas into each of those functions' bundles.
 */

/** Every type counts as a contact; only a home visit counts as a visit. */
export const countsAsVisit = (type: ContactType) => type === 'home_visit';

const isFestivalDay = (date: string) => (festivalDates[Number(date.slice(0, 4))] ?? []).some((f) => f.date === date);

/**
 * Festival and birthday greetings count as greetings, and so does a home visit on a festival day:
 * the seeds' 春节 home visit is both a visit and a greeting (counted once as each).
 */
export const countsAsGreeting = (type: ContactType, date: string) => type === 'festival' || type === 'birthday' || (type === 'home_visit' && isFestivalDay(date));
