import { consultationItems } from '../../functions/lib/db/messaging/consultations';
import type { FamilyContactItem, FamilyProfileItem } from '../../functions/lib/db/items';

/**
 * Demo messaging: one open consultation of 赵德明 (p_m0003, f_0002) with his doctor, so the doctor's
 * inbox is not empty on first start (and the authorization matrix has a consultation to aim at).
 */
export const SEED_CONSULTATION_ID = 'q_seedf0002demo';

export function buildMessagingSeed(items: ReadonlyArray<{ entity: string }>, now: Date): Record<string, unknown>[] {
  const profile = items.find((i): i is FamilyProfileItem => i.entity === 'family' && (i as FamilyProfileItem).familyId === 'f_0002');
  const doctor = items.find((i): i is FamilyContactItem => i.entity === 'familyContact' && (i as FamilyContactItem).familyId === 'f_0002' && (i as FamilyContactItem).kind === 'doctor');
  if (!profile || !doctor) return [];
  const { meta, message } = consultationItems(
    {
      memberId: 'p_m0003',
      memberName: '赵德明',
      profile,
      doctor,
      attachments: [],
      // 东关社区 is served by 城关镇's team: 陈立新's nurse 周敏 sees it in the team inbox too.
      teamId: 'tm_chengguan',
      body: { consultationId: SEED_CONSULTATION_ID, subject: '降压药的吃法', description: '陈医生您好，氨氯地平是早上吃还是晚上吃好？最近早上量血压 150 左右。', urgentSymptoms: false },
    },
    new Date(now.getTime() - 3 * 3600_000),
  );
  return [meta as unknown as Record<string, unknown>, message as unknown as Record<string, unknown>];
}
