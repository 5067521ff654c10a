import {
  ActingFamilyView,
  ActingSetting,
  AdmissionView,
  BookingView,
  RefillResponse,
  RequestEntry,
  SurveyState,
  type ActingSettingBody,
  type AdmissionRequest,
  type BookRequest,
  type RefillRequestBody,
  type RequestCreateBody,
  type SurveyAnswerBody,
} from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;
const base = (familyId: string) => `/acting/families/${seg(familyId)}`;
const keyed = (key: string) => ({ 'Idempotency-Key': key });

/**
 * Acting on a family's behalf (代办, functions/acting/routes.ts): contact persons and the signed
 * doctor's team, for elders without a smartphone; and the family's own setting.
 */
export const actingApi = {
  family: (familyId: string) => authedCall('GET', base(familyId), ActingFamilyView),
  book: (familyId: string, body: BookRequest, key: string) => authedCall('POST', `${base(familyId)}/bookings`, BookingView, { body, headers: keyed(key) }),
  cancel: (familyId: string, bookingId: string) => authedCall('POST', `${base(familyId)}/bookings/${seg(bookingId)}/cancel`, BookingView, { body: {} }),
  reschedule: (familyId: string, bookingId: string, sessionId: string, key: string) =>
    authedCall('POST', `${base(familyId)}/bookings/${seg(bookingId)}/reschedule`, BookingView, { body: { sessionId }, headers: keyed(key) }),
  requestAdmission: (familyId: string, body: AdmissionRequest, key: string) => authedCall('POST', `${base(familyId)}/admissions`, AdmissionView, { body, headers: keyed(key) }),
  requestRefill: (familyId: string, memberId: string, prescriptionId: string, body: RefillRequestBody, key: string) =>
    authedCall('POST', `${base(familyId)}/members/${seg(memberId)}/prescriptions/${seg(prescriptionId)}/refills`, RefillResponse, { body, headers: keyed(key) }),
  raise: (familyId: string, body: RequestCreateBody, key: string) => authedCall('POST', `${base(familyId)}/requests`, RequestEntry, { body, headers: keyed(key) }),
  recordSurvey: (familyId: string, body: SurveyAnswerBody) => authedCall('POST', `${base(familyId)}/survey`, SurveyState, { body }),
  setting: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/acting-setting`, ActingSetting),
  putSetting: (familyId: string, body: ActingSettingBody) => authedCall('PUT', `/families/${seg(familyId)}/acting-setting`, ActingSetting, { body }),
};
