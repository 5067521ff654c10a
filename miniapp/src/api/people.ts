import {
  ActivityListResponse,
  ActivityView,
  BulkAssignResponse,
  DeactivateStaffResponse,
  StaffDetail,
  StaffListResponse,
  StaffView,
  type BulkAssignRequest,
  type CreateActivityRequest,
  type CreateStaffRequest,
  type DeactivateStaffRequest,
  type StaffPost,
  type UpdateStaffRequest,
} from '@domain';
import { authedCall } from './client';

const seg = encodeURIComponent;

/** Staff management (functions/people/routes.ts). */
export const peopleApi = {
  list: (query: { post?: StaffPost; townshipId?: string } = {}) => authedCall('GET', '/commission/staff', StaffListResponse, { query }),
  get: (personId: string) => authedCall('GET', `/commission/staff/${seg(personId)}`, StaffDetail),
  /** `requestId` makes a retried tap create the person once. */
  create: (body: CreateStaffRequest, requestId: string) => authedCall('POST', '/commission/staff', StaffView, { body, headers: { 'Idempotency-Key': requestId } }),
  update: (personId: string, body: UpdateStaffRequest) => authedCall('PUT', `/commission/staff/${seg(personId)}`, StaffView, { body }),
  deactivate: (personId: string, body: DeactivateStaffRequest) => authedCall('POST', `/commission/staff/${seg(personId)}/deactivation`, DeactivateStaffResponse, { body }),
  bulkAssign: (townshipId: string, body: BulkAssignRequest) => authedCall('POST', `/commission/townships/${seg(townshipId)}/assignments`, BulkAssignResponse, { body }),
  createActivity: (body: CreateActivityRequest, requestId: string) => authedCall('POST', '/commission/activities', ActivityView, { body, headers: { 'Idempotency-Key': requestId } }),
  activities: (month?: string) => authedCall('GET', '/commission/activities', ActivityListResponse, { query: { month } }),
};
