import { beijingDate, FamilyPath, quarterOf } from '../../domain';
import { getSurveyAnswer } from '../lib/db/survey';
import { routeHandler } from '../lib/http/route-handler';
import { surveyStateOf } from './views';

/** This quarter's two questions for the family, and its answer if someone in the family gave it (or staff recorded it face to face). */
export const handler = routeHandler('survey.get', { path: FamilyPath }, async ({ path, now }) => {
  const today = beijingDate(now);
  const quarter = quarterOf(today);
  return { body: surveyStateOf(quarter, today, await getSurveyAnswer(path.familyId, quarter)) };
});
