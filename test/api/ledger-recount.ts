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
    const t = perTownship.get(profile.townshipId) ?? {
      families: 0, familiesWithAllContacts: 0, members: 0, wantingMembers: 0, signedMembers: 0, cardHolders: 0, contactedThisWeek: 0, visitedThisMonth: 0, contactsThisMonth: 0, visitsThisMonth: 0, greetingsThisMonth: 0,
      requestsOpen: 0, requestsOverdue: 0, surveyAnswered: 0, surveyAware: 0, surveySatisfied: 0,
    };
    t.families += 1;
    t.familiesWithAllContacts += missingCoverageContacts(kinds).length === 0 ? 1 : 0;
    // The living members: a death stays on the record but is not counted.
    t.members += profile.members.filter((m: { deceasedOn?: string }) => !m.deceasedOn).length;
    t.wantingMembers += wanting;
    t.signedMembers += signed;
    // Holding a card means an active card was put into the family's hands, not merely issued.
    t.cardHolders += profile.card.status === 'active' && profile.card.handedOver ? 1 : 0;
    t.contactedThisWeek += log.some((c) => c.date >= week) ? 1 : 0;
    t.visitedThisMonth += log.some((c) => c.type === 'home_visit' && c.date.startsWith(month)) ? 1 : 0;
    t.contactsThisMonth += log.filter((c) => c.date.startsWith(month)).length;
    t.visitsThisMonth += log.filter((c) => c.type === 'home_visit' && c.date.startsWith(month)).length;
    // A home visit on a festival day is a greeting too (domain countsAsGreeting).
    t.greetingsThisMonth += log.filter((c) => countsAsGreeting(c.type, c.date) && c.date.startsWith(month)).length;
    const active = items.filter((i) => i.entity === 'request' && (i.status === 'open' || i.status === 'in_progress'));
    t.requestsOpen += active.length;
    t.requestsOverdue += active.filter((r) => r.dueDate < today).length;
    const answer = items.find((i) => i.entity === 'survey' && i.quarter === quarterOf(today));
    t.surveyAnswered += answer ? 1 : 0;
    t.surveyAware += answer?.awareness === 'know_all' ? 1 : 0;
    t.surveySatisfied += answer?.satisfaction === 'very_satisfied' || answer?.satisfaction === 'satisfied' ? 1 : 0;
    perTownship.set(profile.townshipId, t);
    // The last contact on record, even one after `today` (another suite's clock may be ahead).
    const last = records.map((c) => c.date as string).sort().at(-1);
    if (!last || daysBetween(last, today) >= 14) stale.push([last ?? '0000-00-00', familyId]);
  }
  return { perTownship, stale: stale.map(([, id]) => id) };
}

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
