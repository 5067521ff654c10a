import {
  addDays,
  beijingDate,
  contactCadence,
  countsAsVisit,
  HOME_VISIT_EVERY_DAYS,
  isLate,
  nextBirthday,
  sortDue,
  upcomingFestivals,
  visitCadence,
  withinLookahead,
  type CadenceState,
  type DueFamily,
  type DueResponse,
} from '../../domain';
import { listStaffFamilies } from '../lib/db/families';
import { listStaffContactsSince } from '../lib/db/ledger';
import { listOpenUrgentTasks } from '../lib/db/urgent-tasks';
import { routeHandler } from '../lib/http/route-handler';
import { contactEntry } from './views';

/** Families one person can serve; more than this is a data error, not a page to scroll. */
const MAX_FAMILIES = 100;

/**
 * The contact person's home: per assigned family, how long since *their* last contact and home
 * visit (each of the 双岗 contacts keeps their own cadence), birthdays in the next 14 days, and the
 * festivals ahead, and above them the caller's open urgent tasks (今天去看望). Four requests however
 * many families: the assignments (Query), the caller's contacts of the last 30 days including
 * messaging's online ones (one Query of their GSI1 partition), the open urgent tasks (one Query of
 * the same partition, another sort-key range), and the profiles (BatchGet, inside listStaffFamilies).
 */
export const handler = routeHandler('ledger.listDue', {}, async ({ principal, now }) => {
  const today = beijingDate(now);
  const since = addDays(today, -HOME_VISIT_EVERY_DAYS);
  const [assigned, contacts, tasks] = await Promise.all([
    listStaffFamilies(principal.personId, { limit: MAX_FAMILIES }),
    listStaffContactsSince(principal.personId, since).then((items) => items.map(contactEntry)),
    listOpenUrgentTasks(principal.personId, today),
  ]);

  const last = new Map<string, { contact?: string; visit?: string }>();
  for (const c of contacts) {
    const l = last.get(c.familyId) ?? {};
    if (!l.contact || c.date > l.contact) l.contact = c.date;
    if (countsAsVisit(c.type) && (!l.visit || c.date > l.visit)) l.visit = c.date;
    last.set(c.familyId, l);
  }
  // Nothing within the window: overdue, with the days unknown (older than the window).
  const state = (s: CadenceState): DueFamily['contact'] => (s.status === 'never' ? { status: 'overdue' } : s);

  const families: DueFamily[] = assigned.items.map(({ profile }) => {
    const l = last.get(profile.familyId) ?? {};
    const contact = state(contactCadence(l.contact, today));
    const visit = state(visitCadence(l.visit, today));
    const birthdays = profile.members
      .map((m) => ({ name: m.name, ...nextBirthday(m.birthDate, today) }))
      .filter((b) => withinLookahead(b.daysUntil))
      .map((b) => ({ name: `${b.name} ${b.age}岁生日`, date: b.date, daysUntil: b.daysUntil }));
    return {
      familyId: profile.familyId,
      familyName: profile.familyName,
      villageName: profile.villageName,
      lastContactOn: l.contact,
      lastVisitOn: l.visit,
      contact,
      visit,
      birthdays,
      late: isLate(contact) || isLate(visit),
    };
  });
  const body: DueResponse = { today, tasks, families: sortDue(families), festivals: upcomingFestivals(today) };
  return { body };
});
