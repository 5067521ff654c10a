import { beijingDate, FamilyPath, quarterLabel, quarterOf, SurveyAnswerBody, type SurveyState } from '../../domain';
import { getFamilyProfile } from '../lib/db/families';
import { getPerson } from '../lib/db/persons';
import { AlreadyAnsweredError, answerSurvey, getSurveyAnswer } from '../lib/db/survey';
import { conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * One answer per family per quarter, by a conditional write with the township's counters in the
 * same transaction. Sending the same answer again (a retry) answers 200 with what is stored; a
 * different answer the same quarter is 409.
 */
export const handler = routeHandler('survey.answer', { path: FamilyPath, body: SurveyAnswerBody }, async ({ path, body, principal, now }) => {
  const today = beijingDate(now);
  const quarter = quarterOf(today);
  const state = (a: { awareness: SurveyAnswerBody['awareness']; satisfaction: SurveyAnswerBody['satisfaction']; answeredAt: string; byName: string }): SurveyState => ({
    quarter,
    quarterLabel: quarterLabel(quarter),
    today,
    answered: true,
    answer: { awareness: a.awareness, satisfaction: a.satisfaction, answeredAt: a.answeredAt, byName: a.byName },
  });
  const [profile, person] = await Promise.all([getFamilyProfile(path.familyId), getPerson(principal.personId)]);
  if (!profile) throw notFound('没有找到这户家庭');
  if (!person) throw notFound('没有找到您的信息，请重新登录');
  try {
    const item = await answerSurvey({ profile, quarter, answer: body, by: { personId: person.personId, name: person.name } }, now);
    return { status: 201, body: state(item) };
  } catch (err) {
    if (!(err instanceof AlreadyAnsweredError)) throw err;
    const existing = await getSurveyAnswer(path.familyId, quarter);
    if (existing && existing.awareness === body.awareness && existing.satisfaction === body.satisfaction) return { status: 200, body: state(existing) };
    throw conflict(`您家${quarterLabel(quarter)}已经回答过了，谢谢您`);
  }
});
