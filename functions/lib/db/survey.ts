import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { toBeijingIso, type ActedBy, type Awareness, type Satisfaction } from '../../../domain';
import { db, tableName } from './client';
import type { FamilyProfileItem } from './items';
import { keys } from './keys';
import { surveyCounter } from './ledger-requests';
import { part, transact, type Part } from './transact';

/** A family's answer to one quarter's questions (满意度, 知晓率): at most one per quarter. */
export interface SurveyItem {
  pk: string;
  sk: string;
  entity: 'survey';
  familyId: string;
  quarter: string;
  awareness: Awareness;
  satisfaction: Satisfaction;
  answeredAt: string;
  byPersonId: string;
  byName: string;
  /** Recorded face to face by staff (入户调查): stored and counted apart from answers in the app. */
  actedBy?: ActedBy;
}

export class AlreadyAnsweredError extends Error {}

export async function getSurveyAnswer(familyId: string, quarter: string): Promise<SurveyItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.survey(familyId, quarter), ConsistentRead: true }));
  return out.Item as SurveyItem | undefined;
}

/** The answer and the township's counters in one transaction; a second answer fails its condition. */
export async function answerSurvey(
  input: {
    profile: FamilyProfileItem;
    quarter: string;
    answer: { awareness: Awareness; satisfaction: Satisfaction };
    by: { personId: string; name: string };
    /** A face-to-face survey recorded by staff, with the acting parts for the same transaction. */
    faceToFace?: { actedBy: ActedBy; parts: Part[]; refusals: { acting: () => Error } };
  },
  now: Date,
): Promise<SurveyItem> {
  const { profile, quarter, answer } = input;
  const item: SurveyItem = {
    ...keys.survey(profile.familyId, quarter),
    entity: 'survey',
    familyId: profile.familyId,
    quarter,
    awareness: answer.awareness,
    satisfaction: answer.satisfaction,
    answeredAt: toBeijingIso(now),
    byPersonId: input.by.personId,
    byName: input.by.name,
    ...(input.faceToFace ? { actedBy: input.faceToFace.actedBy } : {}),
  };
  const f2f = input.faceToFace;
  await transact(
    [
      part('answer', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }),
      part('counter', surveyCounter(profile, quarter, answer, f2f ? 'face_to_face' : 'app')),
      ...(f2f?.parts ?? []),
    ],
    { refusals: { answer: () => new AlreadyAnsweredError(), ...f2f?.refusals } },
  );
  return item;
}
