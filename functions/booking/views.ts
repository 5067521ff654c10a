import {
  admissionStatusLabels,
  BOOKING_RULES,
  beijingWhen,
  bookingStatusLabels,
  actedByLabel,
  priorityInWords,
  toBeijingIso,
  whatToBring,
  type AdmissionView,
  type BookingView,
  type GreenChannelPatient,
  type SessionView,
  type WaitlistEntryView,
} from '../../domain';
import type { AdmissionItem } from '../lib/db/booking/admissions';
import type { BookingItem } from '../lib/db/booking/bookings';
import type { SessionItem } from '../lib/db/booking/sessions';
import type { WaitlistItem } from '../lib/db/booking/waitlist';

/** How sessions, bookings, waiting-list entries and bed requests read to families and hospitals. Not a handler. */

export function sessionView(s: SessionItem, now: Date): SessionView {
  const t = now.getTime();
  const open = s.startsAtMs > t && s.releaseAtMs > t;
  return {
    institutionId: s.institutionId,
    sessionId: s.sessionId,
    date: s.date,
    departmentId: s.departmentId,
    departmentName: s.departmentName,
    period: s.period,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    doctorName: s.doctorName,
    priorityQuota: s.priorityQuota,
    priorityLeft: s.priorityLeft,
    releaseAt: s.releaseAt,
    bookable: open && s.priorityLeft > 0,
    waitlistOpen: open && s.priorityLeft <= 0,
    inWords: priorityInWords(s, now),
  };
}

export function bookingView(b: BookingItem, now: Date): BookingView {
  const cancelUntilMs = b.startsAtMs - BOOKING_RULES.cancelCutoffHours * 3_600_000;
  return {
    bookingId: b.bookingId,
    status: b.status,
    statusLabel: bookingStatusLabels[b.status],
    familyId: b.familyId,
    memberId: b.memberId,
    memberName: b.memberName,
    institutionId: b.institutionId,
    institutionName: b.institutionName,
    departmentName: b.departmentName,
    sessionId: b.sessionId,
    date: b.date,
    period: b.period,
    startsAt: b.startsAt,
    doctorName: b.doctorName,
    place: b.place,
    meetBy: b.meetBy,
    bring: [...whatToBring],
    needsEscort: b.needsEscort,
    needsWheelchair: b.needsWheelchair,
    source: b.source,
    cancelUntil: toBeijingIso(new Date(cancelUntilMs)),
    canCancel: b.status === 'booked' && now.getTime() < cancelUntilMs,
    bookedAt: b.bookedAt,
    checkedInAt: b.checkedInAt,
    prioritiesGiven: b.prioritiesGiven,
    feeReductionYuan: b.feeReductionYuan,
    referredByName: b.referredByName,
    actedLabel: b.actedBy ? actedByLabel(b.actedBy) : undefined,
    cancelActedLabel: b.cancelActedBy ? actedByLabel(b.cancelActedBy) : undefined,
  };
}

/** A booking on the hospital's lists. */
export function patientView(b: BookingItem): GreenChannelPatient {
  return {
    bookingId: b.bookingId,
    status: b.status,
    statusLabel: bookingStatusLabels[b.status],
    memberName: b.memberName,
    familyId: b.familyId,
    departmentName: b.departmentName,
    period: b.period,
    startsAt: b.startsAt,
    needsEscort: b.needsEscort,
    needsWheelchair: b.needsWheelchair,
    source: b.source,
    checkedInAt: b.checkedInAt,
    prioritiesGiven: b.prioritiesGiven,
    feeReductionYuan: b.feeReductionYuan,
  };
}

export function waitlistView(w: WaitlistItem, position: number | undefined, now: Date): WaitlistEntryView {
  const offered = w.status === 'offered' && (w.offerExpiresAtMs ?? 0) > now.getTime();
  return {
    institutionId: w.institutionId,
    sessionId: w.sessionId,
    memberId: w.memberId,
    memberName: w.memberName,
    status: w.status,
    position: position ?? 0,
    offerExpiresAt: w.offerExpiresAtMs ? new Date(w.offerExpiresAtMs).toISOString() : undefined,
    inWords: offered
      ? `有空位了！请在${beijingWhen(w.offerExpiresAtMs!)}前确认，过时让给下一位`
      : w.status === 'offered'
        ? '候补名额已过期'
        : position
          ? `正在候补，排第 ${position} 位，有空位会通知您`
          : '正在候补，有空位会通知您',
  };
}

export function admissionView(a: AdmissionItem): AdmissionView {
  return {
    admissionId: a.admissionId,
    status: a.status,
    statusLabel: admissionStatusLabels[a.status],
    familyId: a.familyId,
    memberId: a.memberId,
    memberName: a.memberName,
    institutionId: a.institutionId,
    institutionName: a.institutionName,
    reason: a.reason,
    requestedAt: a.requestedAt,
    decisionReason: a.decisionReason,
    admittedOn: a.admittedOn,
    dischargedAt: a.dischargedAt,
    actedLabel: a.actedBy ? actedByLabel(a.actedBy) : undefined,
  };
}
