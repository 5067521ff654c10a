import * as z from './zod';
import { FamilyId, IsoDate, PersonId } from './common';
import { CardCode, greenChannelPriorities, SERVICE_CARD } from './card';
import { BEIJING_OFFSET, beijingWhen } from './time';

/**
 * Priority booking and the green channel (绿色通道). Designated institutions keep, per session, a
 * priority quota for special families; it is released to the hospital's general pool at a set time
 * before the session so places are not wasted. All times are Beijing time (UTC+8, no DST), computed
 * from epochs, never from the server's zone.
 */

export const BOOKING_RULES = {
  /** Default hours before a session at which unused priority places return to the general pool. */
  releaseHoursBefore: 24,
  /** A booking may be cancelled up to this many hours before its session. */
  cancelCutoffHours: 2,
  /** A member holds at most this many future bookings. */
  maxFutureBookings: 3,
  /** A waiting-list offer is held this long for the member to accept. */
  offerMinutes: 30,
  /** Sessions are opened this many days ahead. */
  windowDays: 14,
} as const;

/** Institution ids are the organisation ids staff carry (`org_xyy` is the county hospital). */
export const InstitutionId = z.string().check(z.regex(/^org_[A-Za-z0-9]{2,40}$/, '机构编号格式不正确'));
export const DepartmentId = z.string().check(z.regex(/^[a-z]{2,12}$/, '科室编号格式不正确'));
export const Period = z.enum(['am', 'pm']);
export type Period = z.infer<typeof Period>;
/** `<date>.<department>.<period>`, unique within an institution. */
export const SessionId = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}\.[a-z]{2,12}\.(am|pm)$/, '号源编号格式不正确'));
export const BookingId = z.string().check(z.regex(/^bk_[A-Za-z0-9]{8,40}$/, '预约编号格式不正确'));
export const AdmissionId = z.string().check(z.regex(/^adm_[A-Za-z0-9]{8,40}$/, '住院申请编号格式不正确'));
/** An instant a person types or a device reports must be Beijing time with its offset. */
export const BeijingInstant = z.string().check(
  z.iso.datetime({ offset: true, error: '时间格式不正确' }),
  z.refine((s) => s.endsWith(BEIJING_OFFSET), `请使用北京时间（时间应以 ${BEIJING_OFFSET} 结尾）`),
);

export const InstitutionKind = z.enum(['hospital', 'township']);
export type InstitutionKind = z.infer<typeof InstitutionKind>;

export const periodLabels: Record<Period, string> = { am: '上午', pm: '下午' };

export const sessionIdOf = (date: string, departmentId: string, period: Period) => `${date}.${departmentId}.${period}`;
export function parseSessionId(sessionId: string): { date: string; departmentId: string; period: Period } {
  const [date, departmentId, period] = sessionId.split('.');
  return { date, departmentId, period: period as Period };
}

/** Remaining priority places in plain words, as a member reads them. */
export function priorityInWords(s: { priorityLeft: number; releaseAt: string; startsAt: string }, now: Date): string {
  const t = now.getTime();
  if (new Date(s.startsAt).getTime() <= t) return '这个时段已经开始，不能再预约';
  if (new Date(s.releaseAt).getTime() <= t) return `优先号已于${beijingWhen(s.releaseAt, now)}转为普通号，请到医院窗口挂号`;
  if (s.priorityLeft <= 0) return '优先号已约满，可以排队候补';
  return `还剩 ${s.priorityLeft} 个优先号，保留到${beijingWhen(s.releaseAt, now)}`;
}

export const Institution = z.object({
  institutionId: InstitutionId,
  name: z.string(),
  kind: InstitutionKind,
  address: z.string(),
  greenChannelPlace: z.string(),
  greenChannelPhone: z.string(),
  departments: z.array(z.object({ departmentId: DepartmentId, name: z.string() })),
});
export type Institution = z.infer<typeof Institution>;
export const InstitutionListResponse = z.object({
  items: z.array(Institution),
  /** A member's family: its township's designated institution, whose green channel the app offers in an emergency. */
  designated: z.optional(z.object({ institutionId: InstitutionId, name: z.string(), greenChannelPhone: z.string() })),
});
export type InstitutionListResponse = z.infer<typeof InstitutionListResponse>;

export const InstitutionPath = z.strictObject({ institutionId: InstitutionId });
/** Days of sessions one list request may cover: every day a booking form offers (all that are open). */
export const SESSION_LIST_MAX_DAYS = BOOKING_RULES.windowDays;
export const SessionListQuery = z.strictObject({
  date: IsoDate,
  departmentId: z.optional(DepartmentId),
  /** From `date` on, this many days (default 1): the form finds the first day with places in one request. */
  days: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,2}$/, `天数应为 1 到 ${SESSION_LIST_MAX_DAYS} 的整数`)),
      z.transform((s) => Number(s)),
    ).check(z.minimum(1, '天数至少为 1'), z.maximum(SESSION_LIST_MAX_DAYS, `天数最多为 ${SESSION_LIST_MAX_DAYS}`)),
  ),
});

export const SessionView = z.object({
  institutionId: InstitutionId,
  sessionId: SessionId,
  date: IsoDate,
  departmentId: DepartmentId,
  departmentName: z.string(),
  period: Period,
  startsAt: z.string(),
  endsAt: z.string(),
  doctorName: z.string(),
  priorityQuota: z.number(),
  priorityLeft: z.number(),
  releaseAt: z.string(),
  /** Whether a special family may book a priority place now. */
  bookable: z.boolean(),
  /** Full, still before release: join the waiting list. */
  waitlistOpen: z.boolean(),
  inWords: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;
export const SessionListResponse = z.object({ date: IsoDate, items: z.array(SessionView) });
export type SessionListResponse = z.infer<typeof SessionListResponse>;

export const BookingStatus = z.enum(['booked', 'cancelled', 'checked_in', 'no_show', 'lapsed']);
export type BookingStatus = z.infer<typeof BookingStatus>;
export const bookingStatusLabels: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  checked_in: '已就诊',
  no_show: '未到诊',
  lapsed: '已过期',
};

export const PriorityGiven = z.enum(greenChannelPriorities);
export type PriorityGiven = z.infer<typeof PriorityGiven>;

export const BookRequest = z.strictObject({
  institutionId: InstitutionId,
  sessionId: SessionId,
  /** Self or a family member (the spouse). */
  memberId: PersonId,
  needsEscort: z.optional(z.boolean()),
  needsWheelchair: z.optional(z.boolean()),
});
export type BookRequest = z.infer<typeof BookRequest>;

export const RescheduleRequest = z.strictObject({ sessionId: SessionId });
export type RescheduleRequest = z.infer<typeof RescheduleRequest>;
export const BookingPath = z.strictObject({ bookingId: BookingId });
export const CancelRequest = z.strictObject({
  reason: z.optional(z.string().check(z.trim(), z.maxLength(100, '取消原因不能超过 100 字'))),
});
export type CancelRequest = z.infer<typeof CancelRequest>;
export const NoShowRequest = z.strictObject({
  note: z.optional(z.string().check(z.trim(), z.maxLength(100, '备注不能超过 100 字'))),
});
export type NoShowRequest = z.infer<typeof NoShowRequest>;

export const BookingView = z.object({
  bookingId: BookingId,
  status: BookingStatus,
  statusLabel: z.string(),
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  institutionId: InstitutionId,
  institutionName: z.string(),
  departmentName: z.string(),
  sessionId: SessionId,
  date: IsoDate,
  period: Period,
  startsAt: z.string(),
  doctorName: z.string(),
  place: z.string(),
  meetBy: z.string(),
  bring: z.array(z.string()),
  needsEscort: z.boolean(),
  needsWheelchair: z.boolean(),
  source: z.enum(['member', 'referral', 'waitlist']),
  cancelUntil: z.string(),
  canCancel: z.boolean(),
  bookedAt: z.string(),
  checkedInAt: z.optional(z.string()),
  prioritiesGiven: z.optional(z.array(PriorityGiven)),
  feeReductionYuan: z.optional(z.number()),
  referredByName: z.optional(z.string()),
  /** Booked on the family's behalf: "由王桂兰代办". */
  actedLabel: z.optional(z.string()),
  /** Cancelled on the family's behalf. */
  cancelActedLabel: z.optional(z.string()),
});
export type BookingView = z.infer<typeof BookingView>;
export type BookingListResponse = z.infer<typeof BookingListResponse>;

/** What to bring, printed on every confirmation. */
export const whatToBring = [SERVICE_CARD, '身份证', '医保卡'] as const;

// --- waiting list ---
export const WaitlistJoinRequest = z.strictObject({ institutionId: InstitutionId, sessionId: SessionId, memberId: PersonId });
export type WaitlistJoinRequest = z.infer<typeof WaitlistJoinRequest>;
export const WaitlistStatus = z.enum(['waiting', 'offered']);
export const WaitlistEntryView = z.object({
  institutionId: InstitutionId,
  sessionId: SessionId,
  memberId: PersonId,
  memberName: z.string(),
  status: WaitlistStatus,
  position: z.number(),
  offerExpiresAt: z.optional(z.string()),
  inWords: z.string(),
});
export type WaitlistEntryView = z.infer<typeof WaitlistEntryView>;
export const WaitlistListResponse = z.object({ items: z.array(WaitlistEntryView) });
export type WaitlistListResponse = z.infer<typeof WaitlistListResponse>;

/** The family's bookings and waiting-list entries, and whom it may book for. */
export const BookingListResponse = z.object({
  items: z.array(BookingView),
  waitlist: z.array(WaitlistEntryView),
  members: z.array(z.object({ personId: PersonId, name: z.string(), relation: z.string() })),
});
export const WaitlistAcceptRequest = z.strictObject({
  institutionId: InstitutionId,
  sessionId: SessionId,
  memberId: PersonId,
  needsEscort: z.optional(z.boolean()),
  needsWheelchair: z.optional(z.boolean()),
});
export type WaitlistAcceptRequest = z.infer<typeof WaitlistAcceptRequest>;

// --- green channel (hospital staff) ---
export const TodayListQuery = z.strictObject({ departmentId: z.optional(DepartmentId), date: z.optional(IsoDate) });
export const GreenChannelPatient = z.object({
  bookingId: BookingId,
  status: BookingStatus,
  statusLabel: z.string(),
  memberName: z.string(),
  familyId: FamilyId,
  departmentName: z.string(),
  period: Period,
  startsAt: z.string(),
  needsEscort: z.boolean(),
  needsWheelchair: z.boolean(),
  source: z.enum(['member', 'referral', 'waitlist']),
  checkedInAt: z.optional(z.string()),
  prioritiesGiven: z.optional(z.array(PriorityGiven)),
  feeReductionYuan: z.optional(z.number()),
});
export type GreenChannelPatient = z.infer<typeof GreenChannelPatient>;
export const TodayListResponse = z.object({ date: IsoDate, institutionId: InstitutionId, items: z.array(GreenChannelPatient) });
export type TodayListResponse = z.infer<typeof TodayListResponse>;

export const CardCheckRequest = z.strictObject({ token: CardCode });
export const CardCheckResponse = z.object({
  valid: z.literal(true),
  familyId: FamilyId,
  cardNo: z.string(),
  holders: z.array(z.object({ personId: PersonId, name: z.string(), relation: z.string() })),
  expiresAt: z.string(),
  /** This family's bookings at the caller's institution today. */
  bookingsToday: z.array(GreenChannelPatient),
});
export type CardCheckResponse = z.infer<typeof CardCheckResponse>;
export const CheckInRequest = z.strictObject({ token: CardCode });
export const VisitRecordRequest = z.strictObject({
  prioritiesGiven: z.array(PriorityGiven).check(z.maxLength(greenChannelPriorities.length)),
  feeReductionYuan: z.optional(z.number().check(z.minimum(0, '减免金额不能为负数'), z.maximum(100000, '减免金额过大'))),
});
export type VisitRecordRequest = z.infer<typeof VisitRecordRequest>;

// --- referral by the signed family doctor ---
export const ReferralRequest = z.strictObject({
  familyId: FamilyId,
  memberId: PersonId,
  institutionId: InstitutionId,
  sessionId: SessionId,
  reason: z.string().check(z.trim(), z.minLength(2, '请填写转诊原因'), z.maxLength(200, '转诊原因不能超过 200 字')),
  needsEscort: z.optional(z.boolean()),
  needsWheelchair: z.optional(z.boolean()),
});
export type ReferralRequest = z.infer<typeof ReferralRequest>;

// --- admission and discharge ---
export const AdmissionStatus = z.enum(['requested', 'accepted', 'declined', 'discharged']);
export type AdmissionStatus = z.infer<typeof AdmissionStatus>;
export const admissionStatusLabels: Record<AdmissionStatus, string> = {
  requested: '等待医院答复',
  accepted: '已安排床位',
  declined: '医院未能安排',
  discharged: '已出院',
};
export const AdmissionRequest = z.strictObject({
  institutionId: InstitutionId,
  memberId: PersonId,
  reason: z.string().check(z.trim(), z.minLength(2, '请说明需要住院的原因'), z.maxLength(200, '原因不能超过 200 字')),
});
export type AdmissionRequest = z.infer<typeof AdmissionRequest>;
export const AdmissionPath = z.strictObject({ admissionId: AdmissionId });
export const AdmissionDecision = z.strictObject({
  accept: z.boolean(),
  reason: z.string().check(z.trim(), z.minLength(2, '请填写答复说明'), z.maxLength(200, '说明不能超过 200 字')),
});
export type AdmissionDecision = z.infer<typeof AdmissionDecision>;
export const DischargeRequest = z.strictObject({
  dischargedAt: BeijingInstant,
  note: z.string().check(z.trim(), z.minLength(2, '请填写出院小结'), z.maxLength(1000, '出院小结不能超过 1000 字')),
});
export type DischargeRequest = z.infer<typeof DischargeRequest>;
export const AdmissionView = z.object({
  admissionId: AdmissionId,
  status: AdmissionStatus,
  statusLabel: z.string(),
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  institutionId: InstitutionId,
  institutionName: z.string(),
  reason: z.string(),
  requestedAt: z.string(),
  decisionReason: z.optional(z.string()),
  admittedOn: z.optional(IsoDate),
  dischargedAt: z.optional(z.string()),
  /** Asked for on the family's behalf: "由王桂兰代办". */
  actedLabel: z.optional(z.string()),
});
export type AdmissionView = z.infer<typeof AdmissionView>;
export const AdmissionListResponse = z.object({ items: z.array(AdmissionView) });
/** Discharge answers with the closed admission and whether a signed doctor's follow-up was queued. */
export const DischargeResponse = z.object({ ...AdmissionView.shape, followUpQueued: z.boolean() });
export type DischargeResponse = z.infer<typeof DischargeResponse>;
export type AdmissionListResponse = z.infer<typeof AdmissionListResponse>;

/** Follow-up is due within this many days of discharge (it then shows in the signed doctor's follow-up queue). */
export const DISCHARGE_FOLLOW_UP_DAYS = 7;

/**
 * The discharge note as stored (pk=FAMILY#<familyId>, sk=DISCHARGE#<admissionId>), found by the
 * signed doctor through GSI1 STAFF#<doctorId> / DISCHARGE#<followUpDueBy>#<admissionId>. The
 * follow-up feature reads it with this schema.
 */
export const DischargeNote = z.object({
  pk: z.string(),
  sk: z.string(),
  entity: z.literal('dischargeNote'),
  admissionId: AdmissionId,
  familyId: FamilyId,
  memberId: PersonId,
  memberName: z.string(),
  doctorId: PersonId,
  hospitalName: z.string(),
  admittedOn: IsoDate,
  dischargedAt: z.string(),
  note: z.string(),
  followUpDueBy: z.string(),
  gsi1pk: z.string(),
  gsi1sk: z.string(),
});
export type DischargeNote = z.infer<typeof DischargeNote>;

export const FamilyBookingPath = z.strictObject({ familyId: FamilyId, bookingId: BookingId });
