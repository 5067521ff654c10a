import { ChangeListResponse } from '@domain';
import { authedCall } from './client';

/** The change list route (functions/changes/routes.ts). */
export const changesApi = {
  /** Every change from `from` to today, as .xlsx (base64). */
  exportChanges: (from: string) => authedCall('GET', '/commission/change-list', ChangeListResponse, { query: { from } }),
};
