import { EmergencyAdmissionView, PatientLookupResponse, WalkInListResponse, WalkInView, type EmergencyAdmissionRequest, type PatientLookupRequest, type WalkInRequest } from '@domain';
import { authedCall } from './client';

/** The hospital window without a booking: finding the family, walk-ins, emergency admissions. */
export const greenChannelApi = {
  findPatient: (body: PatientLookupRequest) => authedCall('POST', '/hospital/patient-lookups', PatientLookupResponse, { body }),
  recordWalkIn: (body: WalkInRequest, key: string) => authedCall('POST', '/hospital/walk-ins', WalkInView, { body, headers: { 'Idempotency-Key': key } }),
  walkInsToday: () => authedCall('GET', '/hospital/walk-ins', WalkInListResponse),
  recordEmergencyAdmission: (body: EmergencyAdmissionRequest, key: string) =>
    authedCall('POST', '/hospital/emergency-admissions', EmergencyAdmissionView, { body, headers: { 'Idempotency-Key': key } }),
};
