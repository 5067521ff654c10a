import * as z from './zod';
import { FamilyId, IsoDate, PersonId, TownshipId } from './common';
import { ContactKind, type ContactLevel } from './roles';
import { addDays, addMonths, daysBetween, monthOf } from './time';

/**
 * Requests (诉求) a family raises, or its contact person raises for it: assigned to the family's
 * contact person, followed through a small state machine, every change appended to a timeline the
 * family sees. Overdue requests escalate: first to the township leader, then to commission staff.
 * Pure: callers pass "today" as a Beijing date.
 */
export const RequestCategory = z.enum(['medical', 'living', 'housing', 'financial', 'emotional', 'other']);
export type RequestCategory = z.infer<typeof RequestCategory>;
export const requestCategoryLabels: Record<RequestCategory, string> = {
  medical: '看病就医',
  living: '生活照料',
  housing: '住房',
  financial: '经济困难',
  emotional: '心理慰藉',
  other: '其他',
};

export const RequestStatus = z.enum(['open', 'in_progress', 'resolved', 'referred', 'declined']);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const requestStatusLabels: Record<RequestStatus, string> = {
  open: '已提交，待办理',
  in_progress: '正在办理',
  resolved: '已办结',
  referred: '已转交有关部门',
  declined: '暂不能办理',
};

/** Which status may follow which. resolved, referred and declined are final. */
export const requestTransitions: Record<RequestStatus, readonly RequestStatus[]> = {
  open: ['in_progress', 'resolved', 'referred', 'declined'],
  in_progress: ['resolved', 'referred', 'declined'],
  resolved: [],
  referred: [],
  declined: [],
};
export const isActiveRequest = (s: RequestStatus) => s === 'open' || s === 'in_progress';
export const canMoveRequest = (from: RequestStatus, to: RequestStatus) => requestTransitions[from].includes(to);

/** Without a date from the person raising it, a request is due this many days after it is raised. */
export const REQUEST_DEFAULT_DUE_DAYS = 7;
/** The longest a due date may lie ahead. */
export const REQUEST_MAX_DUE_DAYS = 90;
/** Overdue by more than this many days, a request also goes to commission staff. */
export const ESCALATE_TO_COMMISSION_AFTER_DAYS = 7;

export const Escalation = z.enum(['none', 'township', 'commission']);
export type Escalation = z.infer<typeof Escalation>;
export const escalationLabels: Record<Escalation, string> = { none: '', township: '已超期，已提请乡镇联系人督办', commission: '超期较久，已提请卫健委督办' };

/**
 * Who must look at an active request today: nobody extra until the due date has passed (the due
 * day itself is still in time), then the township leader, and from ESCALATE_TO_COMMISSION_AFTER_DAYS
 * days late also commission staff. Closed requests never escalate.
 */
export function escalationOf(status: RequestStatus, dueDate: string, today: string): Escalation {
  if (!isActiveRequest(status)) return 'none';
  const late = daysBetween(dueDate, today);
  if (late <= 0) return 'none';
  return late > ESCALATE_TO_COMMISSION_AFTER_DAYS ? 'commission' : 'township';
}

/** The last due date that has escalated to the commission by `today` (requests due on or before it). */
export const commissionEscalationCutoff = (today: string) => addDays(today, -ESCALATE_TO_COMMISSION_AFTER_DAYS - 1);

const text = (label: string, min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(max, `${label}不能超过 ${max} 字`));

export const RequestCreateBody = z.strictObject({
  category: RequestCategory,
  text: text('诉求内容', 2, 500),
  /** Default: REQUEST_DEFAULT_DUE_DAYS after today. */
  dueDate: z.optional(IsoDate),
});
export type RequestCreateBody = z.infer<typeof RequestCreateBody>;

export const RequestUpdateBody = z.strictObject({
  status: z.enum(['in_progress', 'resolved', 'referred', 'declined']),
  /** What was done or said; shown to the family on the timeline. */
  note: z.optional(text('办理说明', 1, 300)),
  /** Required when referred: which department now handles it. */
  department: z.optional(text('转交部门', 2, 50)),
  /** Required when declined: why. */
  reason: z.optional(text('不能办理的原因', 2, 300)),
  /** The version being changed: a stale change is refused rather than silently overwriting. */
  version: z.number().check(z.int(), z.minimum(1)),
});
export type RequestUpdateBody = z.infer<typeof RequestUpdateBody>;

export const RequestId = z.string().check(z.regex(/^rq_[A-Za-z0-9]{8,40}$/, '诉求编号格式不正确'));
export const RequestPath = z.strictObject({ familyId: FamilyId, requestId: RequestId });

export const RequestEvent = z.object({
  at: z.string(),
  status: RequestStatus,
  byName: z.string(),
  /** 'family' for a member, 'staff' for a contact person or commission officer. */
  byRole: z.enum(['family', 'staff']),
  note: z.optional(z.string()),
  department: z.optional(z.string()),
  reason: z.optional(z.string()),
  /** A hand-over moved the request to another contact person. */
  assignedTo: z.optional(z.string()),
});
export type RequestEvent = z.infer<typeof RequestEvent>;

export const RequestEntry = z.object({
  requestId: z.string(),
  familyId: FamilyId,
  familyName: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  category: RequestCategory,
  text: z.string(),
  status: RequestStatus,
  dueDate: IsoDate,
  raisedAt: z.string(),
  raisedBy: z.object({ personId: PersonId, name: z.string() }),
  assignee: z.optional(z.object({ staffId: PersonId, name: z.string() })),
  escalation: Escalation,
  timeline: z.array(RequestEvent),
  version: z.number(),
  /** Raised on the family's behalf: "由王桂兰代办". */
  actedLabel: z.optional(z.string()),
});
export type RequestEntry = z.infer<typeof RequestEntry>;

export const RequestListResponse = z.object({ today: IsoDate, items: z.array(RequestEntry) });
export type RequestListResponse = z.infer<typeof RequestListResponse>;

export const StaffRequestsQuery = z.strictObject({
  /** mine: assigned to me; escalated: overdue ones my level oversees (township leader, commission). */
  view: z.optional(z.enum(['mine', 'escalated'])),
});
export type StaffRequestsQuery = z.infer<typeof StaffRequestsQuery>;

/** Active requests first, soonest due first; then closed ones, newest first. */
export function sortRequests<T extends { status: RequestStatus; dueDate: string; raisedAt: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    const aa = isActiveRequest(a.status) ? 0 : 1;
    const ba = isActiveRequest(b.status) ? 0 : 1;
    if (aa !== ba) return aa - ba;
    return aa === 0 ? a.dueDate.localeCompare(b.dueDate) || a.raisedAt.localeCompare(b.raisedAt) : b.raisedAt.localeCompare(a.raisedAt);
  });
}

// ---- hand-over page: who may take a family's place ----

/** Without a township: a township officer's own; a county officer must name one (else none). */
export const HandoverCandidatesQuery = z.strictObject({ townshipId: z.optional(TownshipId) });
export const HandoverCandidate = z.object({
  staffId: PersonId,
  name: z.string(),
  title: z.string(),
  organisation: z.string(),
  /** The place this person can hold (domain/ledger.ts canHold). */
  kind: ContactKind,
});
export type HandoverCandidate = z.infer<typeof HandoverCandidate>;
export const HandoverCandidatesResponse = z.object({ items: z.array(HandoverCandidate) });
export type HandoverCandidatesResponse = z.infer<typeof HandoverCandidatesResponse>;
export const kindOfContactLevel = { county: 'county_contact', township: 'township_leader', village: 'village_cadre', volunteer: 'volunteer' } as const satisfies Record<ContactLevel, ContactKind>;

// Requests per period (the self-inspection report)

/**
 * The month ends at which a closed request was still open, and whether it was overdue there (the
 * dashboard's rule: active with its due date before the day). Counted when it closes, so the
 * report can tell how many were open and overdue at the end of a past period from counters and
 * the requests still active.
 */
export function requestOpenMonthEnds(request: { raisedOn: string; dueDate: string }, closedOn: string): Array<{ month: string; overdue: boolean }> {
  const out: Array<{ month: string; overdue: boolean }> = [];
  for (let m = monthOf(request.raisedOn); m <= monthOf(closedOn); m = monthOf(addMonths(`${m}-01`, 1))) {
    const end = addDays(addMonths(`${m}-01`, 1), -1);
    if (end >= request.raisedOn && end < closedOn) out.push({ month: m, overdue: request.dueDate < end });
  }
  return out;
}

/** Open and overdue at the end of the day `asOf`, among requests still active now (the others come from counters). */
export function activeAt<R extends { raisedAt: string; dueDate: string }>(requests: readonly R[], asOf: string): { open: R[]; overdue: R[] } {
  const open = requests.filter((r) => r.raisedAt.slice(0, 10) <= asOf);
  return { open, overdue: open.filter((r) => r.dueDate < asOf) };
}
