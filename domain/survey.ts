import * as z from './zod';
import { IsoDate } from './common';

/**
 * The quarterly satisfaction and awareness questions (满意度, 知晓率): two short questions each
 * family answers once a quarter in the app. Counted per township and quarter for the dashboard.
 */
export const Awareness = z.enum(['know_all', 'know_some', 'know_none']);
export type Awareness = z.infer<typeof Awareness>;
export const awarenessLabels: Record<Awareness, string> = {
  know_all: '都知道，也知道怎么联系',
  know_some: '知道一部分',
  know_none: '不知道',
};

export const Satisfaction = z.enum(['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied']);
export type Satisfaction = z.infer<typeof Satisfaction>;
export const satisfactionLabels: Record<Satisfaction, string> = {
  very_satisfied: '很满意',
  satisfied: '满意',
  neutral: '一般',
  dissatisfied: '不太满意',
  very_dissatisfied: '很不满意',
};

export const SURVEY_QUESTIONS = {
  awareness: '您知道您家的联系人是谁、怎么联系他们吗？',
  satisfaction: '您对联系人和家庭医生的服务满意吗？',
} as const;

export const quarterLabel = (quarter: string) => `${quarter.slice(0, 4)}年第${'一二三四'[Number(quarter.slice(6)) - 1]}季度`;
export const Quarter = z.string().check(z.regex(/^\d{4}-Q[1-4]$/, '季度格式应为 YYYY-Qn'));

export const SurveyAnswerBody = z.strictObject({ awareness: Awareness, satisfaction: Satisfaction });
export type SurveyAnswerBody = z.infer<typeof SurveyAnswerBody>;

export const SurveyState = z.object({
  quarter: Quarter,
  quarterLabel: z.string(),
  today: IsoDate,
  answered: z.boolean(),
  answer: z.optional(
    z.object({
      awareness: Awareness,
      satisfaction: Satisfaction,
      answeredAt: z.string(),
      byName: z.string(),
      /** Recorded face to face by staff (入户调查): "由王桂兰代办". */
      actedLabel: z.optional(z.string()),
    }),
  ),
});
export type SurveyState = z.infer<typeof SurveyState>;

/** Counts of one township and quarter (or a total), by answer. */
export const SurveyFigures = z.object({
  answered: z.number(),
  awareness: z.record(Awareness, z.number()),
  satisfaction: z.record(Satisfaction, z.number()),
});
export type SurveyFigures = z.infer<typeof SurveyFigures>;
