import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Awareness, awarenessLabels, Satisfaction, satisfactionLabels, SURVEY_QUESTIONS, type SurveyState } from '@domain';
import { actingApi } from '../../../api/acting';
import { requestsApi } from '../../../api/requests';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { useFormSend } from '../../../lib/form';

/**
 * The quarter's two questions on the family's home, only while unanswered this quarter. If the
 * questions cannot be loaded the card stays away: it must never stand between a family and
 * the numbers they came to call. `faceToFace`: staff ask them at the family's home (入户调查) and
 * send the answer as recorded on the family's behalf; an answered quarter is said, not hidden.
 */
export function SurveyCard({ familyId, faceToFace = false }: { familyId: string; faceToFace?: boolean }) {
  const [survey, setSurvey] = useState<SurveyState | null>(null);
  const [awareness, setAwareness] = useState<Awareness | null>(null);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const form = useFormSend();
  const [thanks, setThanks] = useState(false);

  useEffect(() => {
    requestsApi.survey(familyId).then(setSurvey, () => setSurvey(null));
  }, [familyId]);

  if (thanks) return <Notice tone="info">{faceToFace ? '已登记这户的入户调查，家人的页面会写明由您代办。' : '谢谢您的回答，我们会越做越好。'}</Notice>;
  if (faceToFace && survey?.answered) {
    return (
      <Notice tone="info">
        这户家庭{survey.quarterLabel}已经回答过了{survey.answer?.actedLabel ? `（${survey.answer.actedLabel}）` : ''}，不需要再调查。
      </Notice>
    );
  }
  if (!survey || survey.answered) return null;

  const send = async () => {
    if (!awareness || !satisfaction) return form.refuse({}, '请两个问题都选一下');
    const body = { awareness, satisfaction };
    if (await form.send(() => (faceToFace ? actingApi.recordSurvey(familyId, body) : requestsApi.answerSurvey(familyId, body)))) setThanks(true);
  };

  return (
    <View className="card mt" aria-label="本季度回访">
      <View className="h2">{survey.quarterLabel}回访（两个问题）</View>
      <View className="field">
        <View className="field__label">{SURVEY_QUESTIONS.awareness}</View>
        <RadioChoices label={SURVEY_QUESTIONS.awareness} value={awareness} onChange={setAwareness} options={Awareness.options.map((a) => ({ value: a, label: awarenessLabels[a] }))} />
      </View>
      <View className="field">
        <View className="field__label">{SURVEY_QUESTIONS.satisfaction}</View>
        <RadioChoices label={SURVEY_QUESTIONS.satisfaction} value={satisfaction} onChange={setSatisfaction} options={Satisfaction.options.map((s) => ({ value: s, label: satisfactionLabels[s] }))} />
      </View>
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      <Btn icon="check" busy={form.busy} busyText="正在提交…" onClick={() => void send()}>
        {faceToFace ? '登记入户调查' : '提交回答'}
      </Btn>
    </View>
  );
}
