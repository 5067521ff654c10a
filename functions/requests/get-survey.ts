import { beijingDate, FamilyPath, quarterLabel, quarterOf, type SurveyState } from '../../domain';
import { getSurveyAnswer } from '../lib/db/survey';
import { routeHandler } from '../lib/http/route-handler';

/** This quarter's two questions for the family, and its answer if someone in the family gave it. */
export const handler = routeHandler('survey.get', { path: FamilyPath }, async ({ path, now }) => {
  const today = beijingDate(now);
  const quarter = quarterOf(today);
  const answer = await getSurveyAnswer(path.familyId, quarter);
  const body: SurveyState = {
    quarter,
    quarterLabel: quarterLabel(quarter),
    today,
    answered: Boolean(answer),
    answer: answer ? { awareness: answer.awareness, satisfaction: answer.satisfaction, answeredAt: answer.answeredAt, byName: answer.byName } : undefined,
  };
  return { body };
});
