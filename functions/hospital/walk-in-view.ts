import type { WalkInView } from '../../domain';
import type { WalkInItem } from '../lib/db/green-channel';

export function walkInView(w: WalkInItem): WalkInView {
  return {
    visitId: w.visitId,
    familyId: w.familyId,
    memberId: w.memberId,
    memberName: w.memberName,
    institutionId: w.institutionId,
    departmentName: w.departmentName,
    date: w.date,
    recordedAt: w.recordedAt,
    recordedByName: w.recordedByName,
    priorities: w.priorities,
    escort: w.escort,
    wheelchair: w.wheelchair,
    reductions: w.reductions,
    reductionFen: w.reductionFen,
    payLater: w.payLater,
    ...(w.note ? { note: w.note } : {}),
  };
}
