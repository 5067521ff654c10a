import { type ActedBy, beijingDate, quarterLabel, quarterOf, type SurveyAnswerBody, type SurveyState } from '../../domain';
import type { FamilyProfileItem } from '../lib/db/items';
import { AlreadyAnsweredError, answerSurvey, getSurveyAnswer } from '../lib/db/survey';
import type { Part } from '../lib/db/transact';
import { conflict } from '../lib/http/errors';
import { surveyStateOf } from './views';

/**
 * One answer per family per quarter, by a conditional write with the township's counters in the
 * same transaction, whether the family answers in the app or staff record it face to face
 * (入户调查, counted apart). Sending the same answer again (a retry) answers 200 with what is
 * stored; a different answer the same quarter is 409. Not a handler.
 */
export async function runSurveyAnswer(req: {
  profile: FamilyProfileItem;
  by: { personId: string; name: string };
  body: SurveyAnswerBody;
  now: Date;
  faceToFace?: { actedBy: ActedBy; parts: Part[]; refusals: { acting: () => Error } };
}): Promise<{ status: number; body: SurveyState }> {
  const { profile, body, now } = req;
  const today = beijingDate(now);
  const quarter = quarterOf(today);
  try {
    const item = await answerSurvey({ profile, quarter, answer: body, by: req.by, faceToFace: req.faceToFace }, now);
    return { status: 201, body: surveyStateOf(quarter, today, item) };
  } catch (err) {
    if (!(err instanceof AlreadyAnsweredError)) throw err;
    const existing = await getSurveyAnswer(profile.familyId, quarter);
    if (existing && existing.awareness === body.awareness && existing.satisfaction === body.satisfaction) return { status: 200, body: surveyStateOf(quarter, today, existing) };
    throw conflict(req.faceToFace ? `这户家庭${quarterLabel(quarter)}已经回答过了，不需要再调查` : `您家${quarterLabel(quarter)}已经回答过了，谢谢您`);
  }
}
