import { FamilyPath, SurveyAnswerBody } from '../../domain';
import { actFor, actingRefusals } from '../lib/http/acting';
import { routeHandler } from '../lib/http/route-handler';
import { runSurveyAnswer } from '../requests/survey-core';

/**
 * Staff record this quarter's two questions face to face (入户调查), for a family that does not
 * answer in the app: one per family per quarter like the family's own answer, counted apart from
 * answers in the app, with the acting parts in the same transaction. A repeat of the same answer
 * answers 200 with what is stored.
 */
export const handler = routeHandler('acting.recordSurvey', { path: FamilyPath, body: SurveyAnswerBody }, async ({ path, body, principal, now }) => {
  const acting = await actFor(principal, { familyId: path.familyId });
  const { actedBy } = acting;
  return runSurveyAnswer({
    profile: acting.family,
    by: { personId: actedBy.staffId, name: actedBy.name },
    body,
    now,
    faceToFace: { actedBy, parts: acting.parts({ action: 'survey', page: 'packages/family/contacts/index', now }), refusals: actingRefusals },
  });
});
