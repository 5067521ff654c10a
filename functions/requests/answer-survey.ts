import { FamilyPath, SurveyAnswerBody } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { getPerson } from '../lib/db/persons';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { runSurveyAnswer } from './survey-core';

/** A family member answers this quarter's two questions: once per family per quarter (functions/requests/survey-core.ts). */
export const handler = routeHandler('survey.answer', { path: FamilyPath, body: SurveyAnswerBody }, async ({ path, body, principal, now }) => {
  const [profile, person] = await Promise.all([getFamilyProfile(path.familyId), getPerson(principal.personId)]);
  if (!profile) throw notFound('没有找到这户家庭');
  if (!person) throw notFound('没有找到您的信息，请重新登录');
  return runSurveyAnswer({ profile, by: { personId: person.personId, name: person.name }, body, now });
});
