import { CreateConsultationRequest } from '../../domain';
import { openConsultation } from '../../functions/messaging/open-consultation';

/**
 * Demo messaging: 赵德明 (p_m0003, f_0002) opens a consultation with his doctor three hours before
 * `now`, through the route's own core (functions/messaging/open-consultation.ts: the family's doctor,
 * the member's contract team's inbox, the month's consultation figures and the doctor's notice), so
 * the doctor's inbox is not empty on first start and the authorization matrix has a consultation to
 * aim at. He is signed to 城关镇's team by then, so 陈立新's nurse 周敏 sees it in the team inbox too.
 */
export const SEED_CONSULTATION_ID = 'q_seedf0002demo';

export async function openDemoConsultation(now: Date): Promise<void> {
  const body = CreateConsultationRequest.parse({
    consultationId: SEED_CONSULTATION_ID,
    subject: '降压药的吃法',
    description: '陈医生您好，氨氯地平是早上吃还是晚上吃好？最近早上量血压 150 左右。',
    urgentSymptoms: false,
  });
  await openConsultation('f_0002', 'p_m0003', body, new Date(now.getTime() - 3 * 3600_000));
}
