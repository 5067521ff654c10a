import * as z from './zod';
import { FamilyId, IsoDate, PersonId, TownshipId } from './common';
import { festivalDates } from './festival-dates';
import { countsAsVisit } from './contact-counting';
import { ContactKind } from './roles';
import { addDays, daysBetween } from './time';
import { UrgentTask, UrgentTaskId } from './urgent-tasks';
import { GreenChannelSection } from './green-channel';

/**
 * The contact persons' work ledger (台账): contact types, the cadence the policy asks for, and the
 * shapes of the ledger routes. Pure: no I/O and no clock; callers pass "today" as a Beijing date.
 * Festival dates come from the lunar calendar (./ledger-festivals.ts, via ./festival-dates.ts).
 */
export const ContactType = z.enum(['home_visit', 'phone', 'online', 'festival', 'birthday']);
export type ContactType = z.infer<typeof ContactType>;
export const contactTypeLabels: Record<ContactType, string> = {
  home_visit: '登门走访',
  phone: '电话联络',
  online: '网络沟通',
  festival: '节日慰问',
  birthday: '生日慰问',
};

/** Policy cadence: some contact at least every 7 days, a home visit at least every 30 days. */
export const CONTACT_EVERY_DAYS = 7;
export const HOME_VISIT_EVERY_DAYS = 30;
/** Birthdays and festivals this many days ahead (today included) are listed as due greetings. */
export const GREETING_LOOKAHEAD_DAYS = 14;
/** The commission's work list: families not contacted for this many days or more. */
export const STALE_CONTACT_DAYS = 14;


export const CadenceStatus = z.enum(['ok', 'due_today', 'overdue', 'never']);
export type CadenceStatus = z.infer<typeof CadenceStatus>;

export interface CadenceState {
  status: CadenceStatus;
  /** Days since the last one; undefined when there never was one. */
  daysSince?: number;
  /** Last day by which the next one must happen (undefined when never: it is due now). */
  dueBy?: string;
}

/**
 * Where one rule stands today. A contact on day D satisfies "every N days" through day D+N; day
 * D+N is the last day ("due today") and D+N+1 is overdue. No record at all counts as overdue.
 */
export function cadence(last: string | undefined, today: string, everyDays: number): CadenceState {
  if (!last) return { status: 'never' };
  const daysSince = daysBetween(last, today);
  const dueBy = addDays(last, everyDays);
  const status: CadenceStatus = daysSince > everyDays ? 'overdue' : daysSince === everyDays ? 'due_today' : 'ok';
  return { status, daysSince, dueBy };
}

export const contactCadence = (lastContact: string | undefined, today: string) => cadence(lastContact, today, CONTACT_EVERY_DAYS);
export const visitCadence = (lastVisit: string | undefined, today: string) => cadence(lastVisit, today, HOME_VISIT_EVERY_DAYS);

export const isLate = (s: CadenceState) => s.status === 'overdue' || s.status === 'never';


/**
 * The next birthday on or after `today` (a 29 February birthday is kept on 28 February in common
 * years), and how many days away it is.
 */
export function nextBirthday(birthDate: string, today: string): { date: string; daysUntil: number; age: number } {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const ty = Number(today.slice(0, 4));
  for (const year of [ty, ty + 1]) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const day = bm === 2 && bd === 29 && !leap ? 28 : bd;
    const date = `${year}-${String(bm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const daysUntil = daysBetween(today, date);
    if (daysUntil >= 0) return { date, daysUntil, age: year - by };
  }
  throw new Error('unreachable: a birthday recurs within a year');
}

/** Days until an upcoming date counts as "upcoming": 0 (today) through GREETING_LOOKAHEAD_DAYS - 1. */
export const withinLookahead = (daysUntil: number) => daysUntil >= 0 && daysUntil < GREETING_LOOKAHEAD_DAYS;

// ---- contact log requests and responses ----

/**
 * How many days back a contact may be entered (a week's paper notes, not last year's). The server
 * refuses older dates against its own clock; the form offers only this range.
 */
export const CONTACT_BACKDATE_DAYS = 60;

const shortText = (label: string) => z.optional(z.string().check(z.trim(), z.maxLength(500, `${label}不能超过 500 字`)));

export const ContactRecordRequest = z.strictObject({
  type: ContactType,
  date: IsoDate,
  health: shortText('身体情况'),
  mood: shortText('心理状况'),
  needs: shortText('诉求'),
  followUp: z.optional(z.boolean()),
  /** Keys of photos already uploaded (through the same upload flow as message attachments); at most 6. */
  photoKeys: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(6, '最多上传 6 张照片'))),
  /** The urgent task (今天去看望) this home visit answers: recording the visit closes it. */
  taskId: z.optional(UrgentTaskId),
}).check(z.refine((c) => !c.taskId || countsAsVisit(c.type), { message: '看望任务请选择“登门走访”', path: ['type'] }));
export type ContactRecordRequest = z.infer<typeof ContactRecordRequest>;

/** Date and type stay as recorded (they drive the counters); the notes can be corrected. */
export const ContactEditRequest = z.strictObject({
  health: shortText('身体情况'),
  mood: shortText('心理状况'),
  needs: shortText('诉求'),
  followUp: z.optional(z.boolean()),
  reason: z.string().check(z.trim(), z.minLength(2, '请写明修改原因'), z.maxLength(200, '修改原因不能超过 200 字')),
  /** The version being edited: a stale edit is refused rather than silently overwriting. */
  version: z.number().check(z.int(), z.minimum(1)),
});
export type ContactEditRequest = z.infer<typeof ContactEditRequest>;

export const ContactId = z.string().check(z.regex(/^ct_[A-Za-z0-9]{8,40}$/, '记录编号格式不正确'));
export const ContactPath = z.strictObject({ familyId: FamilyId, contactId: ContactId });

export const ContactEntry = z.object({
  contactId: z.string(),
  familyId: FamilyId,
  staffId: PersonId,
  staffName: z.string(),
  type: ContactType,
  date: IsoDate,
  health: z.optional(z.string()),
  mood: z.optional(z.string()),
  needs: z.optional(z.string()),
  followUp: z.boolean(),
  photoKeys: z.array(z.string()),
  /** Counted from a staff reply in messaging rather than entered here. */
  source: z.enum(['ledger', 'messaging']),
  recordedAt: z.string(),
  version: z.number(),
  edits: z.number(),
});
export type ContactEntry = z.infer<typeof ContactEntry>;

export const ContactLogResponse = z.object({ items: z.array(ContactEntry) });
export type ContactLogResponse = z.infer<typeof ContactLogResponse>;

export const ContactVersion = z.object({
  version: z.number(),
  editedAt: z.string(),
  editedBy: z.string(),
  reason: z.optional(z.string()),
  health: z.optional(z.string()),
  mood: z.optional(z.string()),
  needs: z.optional(z.string()),
  followUp: z.boolean(),
});
export const ContactHistoryResponse = z.object({ current: ContactEntry, versions: z.array(ContactVersion) });
export type ContactHistoryResponse = z.infer<typeof ContactHistoryResponse>;

export const UpcomingDate = z.object({ name: z.string(), date: IsoDate, daysUntil: z.number() });
export type UpcomingDate = z.infer<typeof UpcomingDate>;

export const DueFamily = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  lastContactOn: z.optional(IsoDate),
  lastVisitOn: z.optional(IsoDate),
  contact: z.object({ status: CadenceStatus, daysSince: z.optional(z.number()), dueBy: z.optional(IsoDate) }),
  visit: z.object({ status: CadenceStatus, daysSince: z.optional(z.number()), dueBy: z.optional(IsoDate) }),
  birthdays: z.array(UpcomingDate),
  /** Overdue families sort first. */
  late: z.boolean(),
});
export type DueFamily = z.infer<typeof DueFamily>;

export const DueResponse = z.object({
  today: IsoDate,
  /** The caller's open urgent tasks (今天去看望), shown above everything else. */
  tasks: z.array(UrgentTask),
  families: z.array(DueFamily),
  festivals: z.array(UpcomingDate),
});
export type DueResponse = z.infer<typeof DueResponse>;

/** Overdue first (most days first, never-contacted at the top), then due today, then the rest. */
export function sortDue(families: DueFamily[]): DueFamily[] {
  const rank = (f: DueFamily) => {
    const worst = Math.max(lateness(f.contact, CONTACT_EVERY_DAYS), lateness(f.visit, HOME_VISIT_EVERY_DAYS));
    return -worst;
  };
  return [...families].sort((a, b) => rank(a) - rank(b) || a.familyName.localeCompare(b.familyName, 'zh'));
}

function lateness(s: { status: CadenceStatus; daysSince?: number }, every: number): number {
  // Never, or nothing within the window the caller looked at: later than any known lateness.
  if (s.status === 'never' || s.daysSince === undefined) return 100_000;
  return (s.daysSince ?? 0) - every;
}

export const TownshipScopeQuery = z.strictObject({ townshipId: z.optional(TownshipId) });

/** Festivals from today through the look-ahead window, soonest first. */
export function upcomingFestivals(today: string): UpcomingDate[] {
  const year = Number(today.slice(0, 4));
  return [...(festivalDates[year] ?? []), ...(festivalDates[year + 1] ?? [])]
    .map((f) => ({ name: f.name, date: f.date, daysUntil: daysBetween(today, f.date) }))
    .filter((f) => withinLookahead(f.daysUntil));
}

// ---- hand-over (交接) ----

export const HandoverRequest = z.strictObject({
  /** Which place changes hands: the current holder of this kind (if any) is replaced. */
  kind: ContactKind,
  toStaffId: PersonId,
  reason: z.optional(z.string().check(z.trim(), z.maxLength(200, '交接原因不能超过 200 字'))),
  /** For a place several may hold (social helpers): whose place moves; without it one more is added. */
  fromStaffId: z.optional(PersonId),
});
export type HandoverRequest = z.infer<typeof HandoverRequest>;

export const HandoverRecord = z.object({
  handoverId: z.string(),
  familyId: FamilyId,
  kind: ContactKind,
  from: z.optional(z.object({ staffId: PersonId, name: z.string() })),
  to: z.object({ staffId: PersonId, name: z.string() }),
  at: z.string(),
  byStaffId: PersonId,
  reason: z.optional(z.string()),
});
export type HandoverRecord = z.infer<typeof HandoverRecord>;
export const HandoverListResponse = z.object({ items: z.array(HandoverRecord) });
export type HandoverListResponse = z.infer<typeof HandoverListResponse>;

/**
 * Whether a staff member may serve a family of this region: a county contact their county, other
 * contact persons their township, a doctor whose county is recorded that county.
 */
export function servesRegion(staff: { role: string; contactLevel?: string; regionId?: string; countyId?: string }, family: { countyId: string; townshipId: string }): boolean {
  if (staff.role === 'doctor') return !staff.countyId || staff.countyId === family.countyId;
  if (staff.role !== 'contact') return true;
  return staff.contactLevel === 'county' ? staff.regionId === family.countyId : staff.regionId === family.townshipId;
}

/** Which staff may hold which place: the contact level must match, a doctor holds the doctor's. */
export function canHold(kind: ContactKind, staff: { role: string; contactLevel?: string; status?: string }): boolean {
  // A staff member who is leaving or has left takes on no family.
  if (staff.status && staff.status !== 'active') return false;
  if (kind === 'doctor') return staff.role === 'doctor';
  if (staff.role !== 'contact') return false;
  return { township_leader: 'township', village_cadre: 'village', volunteer: 'volunteer', county_contact: 'county' }[kind] === staff.contactLevel;
}

// ---- coverage dashboard (三个全覆盖) ----

export const DashboardQuery = z.strictObject({ townshipId: z.optional(TownshipId) });

export const CoverageFigures = z.object({
  families: z.number(),
  /** Families with a township leader and a village cadre (全覆盖 of contacts; the doctor counts under signing). */
  familiesWithAllContacts: z.number(),
  members: z.number(),
  /** Members who want a family doctor (applied, signed, or declined and waiting: wantsSigning). */
  wantingMembers: z.number(),
  signedMembers: z.number(),
  cardHolders: z.number(),
  /** Families with at least one contact this week (Monday to today). */
  contactedThisWeek: z.number(),
  /** Families with a home visit this calendar month. */
  visitedThisMonth: z.number(),
  contactsThisMonth: z.number(),
  visitsThisMonth: z.number(),
  greetingsThisMonth: z.number(),
});
export type CoverageFigures = z.infer<typeof CoverageFigures>;

export const TownshipCoverage = z.object({ townshipId: TownshipId, townshipName: z.string(), ...CoverageFigures.shape });
export type TownshipCoverage = z.infer<typeof TownshipCoverage>;

export const StaleFamily = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  lastContactOn: z.optional(IsoDate),
  /** Undefined when never contacted. */
  daysSince: z.optional(z.number()),
});
export type StaleFamily = z.infer<typeof StaleFamily>;

/** Requests (诉求) and this quarter's survey (满意度, 知晓率), from the requests feature's counters. */
export const RequestSurveyFigures = z.object({
  /** Requests open or in progress. */
  requestsOpen: z.number(),
  /** Of those, past their due date. */
  requestsOverdue: z.number(),
  /** Families who answered this quarter's two questions. */
  surveyAnswered: z.number(),
  /** Answered "know all my contacts and how to reach them" (知晓). */
  surveyAware: z.number(),
  /** Answered satisfied or very satisfied (满意). */
  surveySatisfied: z.number(),
});
export type RequestSurveyFigures = z.infer<typeof RequestSurveyFigures>;

export const DashboardFigures = z.object({ ...CoverageFigures.shape, ...RequestSurveyFigures.shape });
export type DashboardFigures = z.infer<typeof DashboardFigures>;
export const DashboardTownship = z.object({ ...TownshipCoverage.shape, ...RequestSurveyFigures.shape });
export type DashboardTownship = z.infer<typeof DashboardTownship>;

export const DashboardResponse = z.object({
  today: IsoDate,
  weekStart: IsoDate,
  month: z.string(),
  /** The survey's quarter, e.g. 2026-Q4. */
  quarter: z.string(),
  townships: z.array(DashboardTownship),
  total: DashboardFigures,
  stale: z.array(StaleFamily),
  staleCount: z.number(),
  /** This month's green-channel figures per institution and township (hospital visits, reductions, beds). */
  greenChannel: GreenChannelSection,
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;

/** Share as a whole percentage, for labels next to bars (0 when there is nothing to share). */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

// ---- monthly ledger export ----

export const ExportQuery = z.strictObject({
  /** Default: this month. */
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'))),
  format: z.optional(z.enum(['xlsx', 'csv'])),
  townshipId: z.optional(TownshipId),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/** The file, base64 in JSON (the one response shape every route has); the page saves it. */
export const ExportResponse = z.object({
  filename: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  contacts: z.number(),
});
export type ExportResponse = z.infer<typeof ExportResponse>;
