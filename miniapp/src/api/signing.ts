import {
  ApplicationView,
  ContractView,
  CoverageResponse,
  ExpiringContractsResponse,
  FamilySigningResponse,
  HomeVisitCandidatesResponse,
  RegionTeam,
  SignatureView,
  RegionTeamsResponse,
  LedgerResponse,
  MemberContractResponse,
  PolicyFamiliesResponse,
  TeamApplicationsResponse,
  TeamStaffLookup,
  UploadTicket,
  type CostEntryRequest,
  type HomeVisitSigningRequest,
  type TeamRequest,
  type TeamUpdateRequest,
  type SignatureUploadRequest,
  type PackageId,
} from '@domain';
import * as z from 'zod/mini';
import { authedCall } from './client';

const seg = encodeURIComponent;
const contractPath = (familyId: string, memberId: string, contractId: string) =>
  `/families/${seg(familyId)}/members/${seg(memberId)}/contracts/${seg(contractId)}`;

/** A key per user action, so a retried tap never makes a second application or ledger entry. */
export { newIdempotencyKey } from './idempotency-key';

/** Family-doctor signing and the policy-support ledger (functions/signing, functions/policy). */
export const signingApi = {
  family: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/signing`, FamilySigningResponse),
  apply: (familyId: string, memberId: string, optionalPackages: PackageId[], key: string) =>
    authedCall('POST', `/families/${seg(familyId)}/signing/applications`, ApplicationView, { body: { memberId, optionalPackages }, headers: { 'Idempotency-Key': key } }),
  contracts: (familyId: string, memberId: string) => authedCall('GET', `/families/${seg(familyId)}/members/${seg(memberId)}/contracts`, MemberContractResponse),
  presignSignature: (familyId: string, memberId: string, contractId: string, body: SignatureUploadRequest) =>
    authedCall('POST', `${contractPath(familyId, memberId, contractId)}/signature/upload`, UploadTicket, { body }),
  /** `paper`: the photo of a form signed on paper, confirmed by the doctor's team acting for the family. */
  confirm: (familyId: string, memberId: string, contractId: string, key: string, kind?: 'paper') =>
    authedCall('PUT', `${contractPath(familyId, memberId, contractId)}/signature`, ContractView, { body: kind ? { key, kind } : { key } }),
  signature: (familyId: string, memberId: string, contractId: string) => authedCall('GET', `${contractPath(familyId, memberId, contractId)}/signature`, SignatureView),
  renew: (familyId: string, memberId: string, contractId: string) => authedCall('POST', `${contractPath(familyId, memberId, contractId)}/renew`, ContractView, { body: {} }),
  applications: () => authedCall('GET', '/team/applications', TeamApplicationsResponse),
  accept: (memberId: string, applicationId: string) => authedCall('POST', `/team/applications/${seg(memberId)}/${seg(applicationId)}/accept`, ContractView, { body: {} }),
  decline: (memberId: string, applicationId: string, reason: string) =>
    authedCall('POST', `/team/applications/${seg(memberId)}/${seg(applicationId)}/decline`, z.object({ applicationId: z.string() }), { body: { reason } }),
  expiring: () => authedCall('GET', '/team/contracts/expiring', ExpiringContractsResponse),
  coverage: () => authedCall('GET', '/commission/signing/coverage', CoverageResponse),
  policyFamilies: () => authedCall('GET', '/policy/families', PolicyFamiliesResponse),
  ledger: (familyId: string) => authedCall('GET', `/families/${seg(familyId)}/policy/ledger`, LedgerResponse),
  addCost: (familyId: string, body: CostEntryRequest, key: string) =>
    authedCall('POST', `/families/${seg(familyId)}/policy/ledger`, LedgerResponse, { body, headers: { 'Idempotency-Key': key } }),
  teams: () => authedCall('GET', '/commission/teams', RegionTeamsResponse),
  /** A doctor or nurse of the caller's county by staff number; 404 when there is none. */
  teamStaff: (staffId: string) => authedCall('GET', `/commission/team-staff/${seg(staffId)}`, TeamStaffLookup),
  createTeam: (body: TeamRequest, key: string) => authedCall('POST', '/commission/teams', RegionTeam, { body, headers: { 'Idempotency-Key': key } }),
  updateTeam: (teamId: string, body: TeamUpdateRequest) => authedCall('PUT', `/commission/teams/${seg(teamId)}`, RegionTeam, { body }),
  homeVisitCandidates: () => authedCall('GET', '/team/home-visit-candidates', HomeVisitCandidatesResponse),
  signHomeVisit: (body: HomeVisitSigningRequest, key: string) =>
    authedCall('POST', '/team/home-visit-contracts', ContractView, { body, headers: { 'Idempotency-Key': key } }),
};
