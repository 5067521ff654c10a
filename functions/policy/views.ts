import { claimStatusLabels, type CostEntryView, isPovertyWarning, type PolicyFamilySummary } from '../../domain';
import { claimStatusOf, type CostEntryItem, type PolicyContractItem } from '../lib/db/policy';

export function summaryOf(c: PolicyContractItem): PolicyFamilySummary {
  return {
    familyId: c.familyId,
    familyName: c.familyName,
    villageName: c.villageName,
    cadreName: c.cadreName,
    yearlyIncomeFen: c.yearlyIncomeFen,
    warningSharePercent: c.warningSharePercent,
    totalFen: c.totals.totalFen,
    outOfPocketFen: c.totals.outOfPocketFen,
    pendingClaims: c.totals.pendingClaims,
    warning: isPovertyWarning(c.totals.outOfPocketFen, c.yearlyIncomeFen, c.warningSharePercent),
  };
}

export function entryView(e: CostEntryItem, c: PolicyContractItem): CostEntryView {
  return {
    entryId: e.entryId,
    memberId: e.memberId,
    memberName: c.members.find((m) => m.personId === e.memberId)?.name ?? '',
    visitDate: e.visitDate,
    place: e.place,
    totalFen: e.totalFen,
    basicInsuranceFen: e.basicInsuranceFen,
    seriousIllnessFen: e.seriousIllnessFen,
    medicalAssistanceFen: e.medicalAssistanceFen,
    commercialFen: e.commercialFen,
    outOfPocketFen: e.outOfPocketFen,
    claimPending: e.claimPending,
    claim: claimView(e),
    enteredByName: e.enteredById === c.cadreId ? c.cadreName : '',
    enteredAt: e.enteredAt,
  };
}

function claimView(e: CostEntryItem): CostEntryView['claim'] {
  const status = claimStatusOf(e);
  if (!status) return undefined;
  const c = e.claim;
  return { status, statusLabel: claimStatusLabels[status], claimedFen: c?.claimedFen, paidFen: c?.paidFen, reason: c?.reason, updatedAt: c?.updatedAt };
}
