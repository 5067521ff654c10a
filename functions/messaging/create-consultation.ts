import { CreateConsultationRequest, FamilyPath } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { openConsultation } from './open-consultation';

/** A member opens a consultation with the family's doctor (open-consultation.ts). */
export const handler = routeHandler('messaging.createConsultation', { path: FamilyPath, body: CreateConsultationRequest }, async ({ path, body, principal, now }) =>
  openConsultation(path.familyId, principal.personId, body, now),
);
