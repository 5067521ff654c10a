import {
  AdmissionListResponse,
  AdmissionView,
  BookingListResponse,
  BookingView,
  CardCheckResponse,
  DischargeResponse,
  GreenChannelPatient,
  InstitutionListResponse,
  SessionListResponse,
  TodayListResponse,
  WaitlistEntryView,
  DoctorView,
  ScheduleChangeResponse,
  ScheduleResponse,
  type RosterDoctorRequest,
  type WeeklySlot,
  type OverrideRequest,
  type AdmissionRequest,
  type BookRequest,
  type DischargeRequest,
  type ReferralRequest,
  type PriorityGiven,
  type WaitlistJoinRequest,
} from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** A fresh Idempotency-Key per form submission: a retried tap returns the same booking. */
export { newIdempotencyKey as newRequestKey } from './idempotency-key';

/** Booking (family members) and the green channel (hospital staff). */
export const bookingApi = {
  institutions: () => authedCall('GET', '/institutions', InstitutionListResponse),
  sessions: (institutionId: string, date: string, departmentId?: string, days?: number) =>
    authedCall('GET', `/institutions/${seg(institutionId)}/sessions`, SessionListResponse, { query: { date, departmentId, days: days === undefined ? undefined : String(days) } }),
  book: (familyId: string, body: BookRequest, key: string) =>
    authedCall('POST', `/families/${seg(familyId)}/bookings`, BookingView, { body, headers: { 'Idempotency-Key': key } }),
  mine: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/bookings`, BookingListResponse),
  booking: (familyId: string, bookingId: string) => authedCall('GET', `/families/${seg(familyId)}/bookings/${seg(bookingId)}`, BookingView),
  cancel: (familyId: string, bookingId: string) => authedCall('POST', `/families/${seg(familyId)}/bookings/${seg(bookingId)}/cancel`, BookingView, { body: {} }),
  reschedule: (familyId: string, bookingId: string, sessionId: string, key: string) =>
    authedCall('POST', `/families/${seg(familyId)}/bookings/${seg(bookingId)}/reschedule`, BookingView, { body: { sessionId }, headers: { 'Idempotency-Key': key } }),
  joinWaitlist: (familyId: string, body: WaitlistJoinRequest) => authedCall('POST', `/families/${seg(familyId)}/waitlist`, WaitlistEntryView, { body }),
  acceptOffer: (familyId: string, body: WaitlistJoinRequest, key: string) =>
    authedCall('POST', `/families/${seg(familyId)}/waitlist/accept`, BookingView, { body, headers: { 'Idempotency-Key': key } }),
  admissions: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/admissions`, AdmissionListResponse),
  requestAdmission: (familyId: string, body: AdmissionRequest, key: string) =>
    authedCall('POST', `/families/${seg(familyId)}/admissions`, AdmissionView, { body, headers: { 'Idempotency-Key': key } }),
  refer: (body: ReferralRequest, key: string) => authedCall('POST', '/doctor/referrals', BookingView, { body, headers: { 'Idempotency-Key': key } }),

  today: (departmentId?: string) => authedCall('GET', '/hospital/today', TodayListResponse, { query: { departmentId } }),
  checkCard: (token: string) => authedCall('POST', '/hospital/card-checks', CardCheckResponse, { body: { token } }),
  checkIn: (bookingId: string, token: string) => authedCall('POST', `/hospital/bookings/${seg(bookingId)}/check-in`, GreenChannelPatient, { body: { token } }),
  noShow: (bookingId: string) => authedCall('POST', `/hospital/bookings/${seg(bookingId)}/no-show`, GreenChannelPatient, { body: {} }),
  recordVisit: (bookingId: string, prioritiesGiven: PriorityGiven[], feeReductionYuan?: number) =>
    authedCall('PUT', `/hospital/bookings/${seg(bookingId)}/visit`, GreenChannelPatient, { body: { prioritiesGiven, feeReductionYuan } }),
  hospitalAdmissions: () => authedCall('GET', '/hospital/admissions', AdmissionListResponse),
  decideAdmission: (admissionId: string, accept: boolean, reason: string) =>
    authedCall('POST', `/hospital/admissions/${seg(admissionId)}/decision`, AdmissionView, { body: { accept, reason } }),
  schedule: (institutionId: string) => authedCall('GET', `/hospital/institutions/${seg(institutionId)}/schedule`, ScheduleResponse),
  addDoctor: (institutionId: string, body: RosterDoctorRequest, key: string) =>
    authedCall('POST', `/hospital/institutions/${seg(institutionId)}/doctors`, DoctorView, { body, headers: { 'Idempotency-Key': key } }),
  putDoctorSchedule: (institutionId: string, doctorId: string, slots: WeeklySlot[]) =>
    authedCall('PUT', `/hospital/institutions/${seg(institutionId)}/schedule`, ScheduleChangeResponse, { body: { doctorId, slots } }),
  putOverride: (institutionId: string, body: OverrideRequest) =>
    authedCall('POST', `/hospital/institutions/${seg(institutionId)}/schedule-overrides`, ScheduleChangeResponse, { body }),
  deleteOverride: (institutionId: string, date: string, target: string) =>
    authedCall('DELETE', `/hospital/institutions/${seg(institutionId)}/schedule-overrides/${seg(date)}/${seg(target)}`, ScheduleChangeResponse),
  discharge: (admissionId: string, body: DischargeRequest) => authedCall('POST', `/hospital/admissions/${seg(admissionId)}/discharge`, DischargeResponse, { body }),
};
