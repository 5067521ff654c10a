import {
  DeathResponse,
  FamilyChangesResponse,
  FamilyDetailsResponse,
  type CardHandOverRequest,
  type CardReissueRequest,
  type DeathRequest,
  type FamilyDetailsRequest,
} from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;
const fam = (familyId: string) => `/families/${seg(familyId)}`;

/** Keeping a family's record current (functions/lifecycle/routes.ts). */
export const lifecycleApi = {
  details: (familyId: string) => authedCall('GET', `${fam(familyId)}/details`, FamilyDetailsResponse),
  changes: (familyId: string) => authedCall('GET', `${fam(familyId)}/changes`, FamilyChangesResponse),
  editDetails: (familyId: string, body: FamilyDetailsRequest) => authedCall('PUT', `${fam(familyId)}/details`, FamilyDetailsResponse, { body }),
  /** `requestId` makes a retried tap (slow network) record the death once. */
  recordDeath: (familyId: string, memberId: string, body: DeathRequest, requestId: string) =>
    authedCall('POST', `${fam(familyId)}/members/${seg(memberId)}/death`, DeathResponse, { body, headers: { 'Idempotency-Key': requestId } }),
  handOverCard: (familyId: string, body: CardHandOverRequest) => authedCall('POST', `${fam(familyId)}/card/handover`, FamilyDetailsResponse, { body }),
  reissueCard: (familyId: string, body: CardReissueRequest) => authedCall('POST', `${fam(familyId)}/card/reissue`, FamilyDetailsResponse, { body }),
};
