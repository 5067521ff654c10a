import { countsAsGreeting, daysBetween, missingCoverageContacts, monthOf, quarterOf, weekStart, type ContactKind } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { getItem, queryPartition } from './support-table';

/**
 * The coverage dashboard's figures recounted independently from the records (every item of every
 * family partition), for the suites that hold the running counters to them (ledger-dashboard,
 * faults).
 */
export interface Recount {
  perTownship: Map<string, Record<string, number>>;
  /** Families not contacted in 14+ days. */
  stale: string[];
}

/** Figures straight from the records, the way a person with the paper ledger would count. */
export async function recount(familyIds: string[], today: string): Promise<Recount> {
  const week = weekStart(today);
  const month = monthOf(today);
  const perTownship = new Map<string, Record<string, number>>();
  const figuresOf = (townshipId: string) => {
    if (!perTownship.has(townshipId)) {
      perTownship.set(townshipId, {
        families: 0, familiesWithAllContacts: 0, members: 0, wantingMembers: 0, signedMembers: 0, cardHolders: 0, contactedThisWeek: 0, visitedThisMonth: 0, contactsThisMonth: 0, visitsThisMonth: 0, greetingsThisMonth: 0,
        requestsOpen: 0, requestsOverdue: 0, surveyAnswered: 0, surveyAware: 0, surveySatisfied: 0,
      });
    }
    return perTownship.get(townshipId)!;
  };
  const stale: Array<[string, string]> = [];
  for (const familyId of familyIds) {
    const items = await queryPartition(keys.familyPk(familyId));
    const profile = items.find((i) => i.sk === 'FAMILY')!;
    // A family moved out of the county keeps its records but is no longer the county's to count.
    if (profile.status === 'transferred_out') continue;
    const kinds = items.filter((i) => String(i.sk).startsWith('FAMILY#CONTACT#')).map((i) => i.kind as ContactKind);
    const signed = items.filter((i) => String(i.sk).startsWith('FAMILY#SIGN#')).length;
    // Wanting a family doctor, from each member's own signing record: applied, signed, or declined
    // and still waiting (written out here, not taken from the code under test).
    const states = await Promise.all(profile.members.map((m: { personId: string }) => getItem(keys.signingState(m.personId))));
    const wanting = states.filter((st) => st && ['applied', 'signed', 'declined'].includes(st.state as string)).length;
    // Contacts entered by hand, and the day's online contact of a staff member from messaging
    // (unless a hand-entered 网络沟通 claimed that day: it stands for the day).
    const records = items.filter((i) => i.entity === 'contactLog' || (i.entity === 'onlineContact' && !i.handContactId));
    const log = records.filter((i) => i.date <= today);
    const t = figuresOf(profile.townshipId);
    t.families += 1;
    t.familiesWithAllContacts += missingCoverageContacts(kinds).length === 0 ? 1 : 0;
    // The living members: a death stays on the record but is not counted.
    t.members += profile.members.filter((m: { deceasedOn?: string }) => !m.deceasedOn).length;
    t.wantingMembers += wanting;
    t.signedMembers += signed;
    // Holding a card means an active card was put into the family's hands, not merely issued.
    t.cardHolders += profile.card.status === 'active' && profile.card.handedOver ? 1 : 0;
    // The week's and month's contact figures count where the work was done: each contact in the
    // township it was recorded in (its monthly index names it), and a family contacted (visited) in
    // the period in the township of its first contact (visit) of the period, as recorded, even if
    // the family has moved since (lifecycle/move-family.ts).
    const firstOf = (cs: typeof log) => [...cs].sort((a, b) => recordedOrder(a).localeCompare(recordedOrder(b)))[0];
    const thisWeek = log.filter((c) => c.date >= week);
    const visitsThisMonth = log.filter((c) => c.type === 'home_visit' && c.date.startsWith(month));
    if (thisWeek.length) figuresOf(contactTownship(firstOf(thisWeek), profile.townshipId)).contactedThisWeek += 1;
    if (visitsThisMonth.length) figuresOf(contactTownship(firstOf(visitsThisMonth), profile.townshipId)).visitedThisMonth += 1;
    for (const c of log.filter((x) => x.date.startsWith(month))) {
      const where = figuresOf(contactTownship(c, profile.townshipId));
      where.contactsThisMonth += 1;
      where.visitsThisMonth += c.type === 'home_visit' ? 1 : 0;
      // A home visit on a festival day is a greeting too (domain countsAsGreeting).
      where.greetingsThisMonth += countsAsGreeting(c.type, c.date) ? 1 : 0;
    }
    const active = items.filter((i) => i.entity === 'request' && (i.status === 'open' || i.status === 'in_progress'));
    t.requestsOpen += active.length;
    t.requestsOverdue += active.filter((r) => r.dueDate < today).length;
    const answer = items.find((i) => i.entity === 'survey' && i.quarter === quarterOf(today));
    t.surveyAnswered += answer ? 1 : 0;
    t.surveyAware += answer?.awareness === 'know_all' ? 1 : 0;
    t.surveySatisfied += answer?.satisfaction === 'very_satisfied' || answer?.satisfaction === 'satisfied' ? 1 : 0;
    // The last contact on record, even one after `today` (another suite's clock may be ahead).
    const last = records.map((c) => c.date as string).sort().at(-1);
    if (!last || daysBetween(last, today) >= 14) stale.push([last ?? '0000-00-00', familyId]);
  }
  return { perTownship, stale: stale.map(([, id]) => id) };
}

/** The township a contact was recorded in: its monthly index (CONTACTS#<township>#<month>), else the family's. */
function contactTownship(c: Record<string, any>, familyTownship: string): string {
  const index = typeof c.gsi2pk === 'string' && c.gsi2pk.startsWith('CONTACTS#') ? c.gsi2pk.split('#')[1] : undefined;
  return index ?? familyTownship;
}

/** When a contact was recorded (a hand entry's recordedAt, an online day's first reply), for which came first. */
const recordedOrder = (c: Record<string, any>): string => String(c.recordedAt ?? c.firstAt ?? c.at ?? c.date);

export function expectAgrees(body: any, counted: Recount) {
  for (const t of body.townships) {
    const { townshipId, townshipName: _n, ...figures } = t;
    expect({ townshipId, ...figures }).toEqual({ townshipId, ...counted.perTownship.get(townshipId) });
  }
  expect(body.townships.map((t: { townshipId: string }) => t.townshipId).sort()).toEqual([...counted.perTownship.keys()].sort());
  expect(body.stale.map((s: { familyId: string }) => s.familyId).sort()).toEqual([...counted.stale].sort());
  // Stalest first (never contacted at the top).
  const dates = body.stale.map((s: { lastContactOn?: string }) => s.lastContactOn ?? '');
  expect(dates).toEqual([...dates].sort());
  expect(body.staleCount).toBe(counted.stale.length);
}
