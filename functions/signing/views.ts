import {
  ageOn,
  type ApplicationView,
  type ContractView,
  dueSoFar,
  isApplicationOverdue,
  isInRenewalWindow,
  type PackageId,
  type PackageView,
  ServiceKind,
  serviceKindLabels,
  servicePackages,
  type TeamView,
  terminationReasonLabels,
} from '../../domain';
import type { ApplicationItem, ContractItem, TeamItem } from '../lib/db/signing';

/** Items to API shapes, shared by the signing routes. */

export const packageViews = (ids: readonly PackageId[]): PackageView[] =>
  ids.map((id) => {
    const p = servicePackages[id];
    return { packageId: p.packageId, name: p.name, feeYuan: p.feeYuan, contents: p.contents };
  });

export function teamView(team: TeamItem): TeamView {
  return {
    teamId: team.teamId,
    name: team.name,
    povertyForm: team.povertyForm,
    villageNames: team.villageNames,
    members: team.members.map((m) => ({ ...m, isLead: m.personId === team.leadId })),
  };
}

export function applicationView(app: ApplicationItem, today: string): ApplicationView {
  return {
    applicationId: app.applicationId,
    memberId: app.memberId,
    familyId: app.familyId,
    memberName: app.member.name,
    age: ageOn(app.member.birthDate, today),
    villageName: app.member.villageName,
    teamName: app.teamName,
    packages: packageViews(app.packageIds),
    submittedAt: app.submittedAt,
    deadline: app.deadline,
    overdue: app.status === 'pending' && isApplicationOverdue(app.deadline, today),
    status: app.status,
    declineReason: app.declineReason,
  };
}

export function contractView(c: ContractItem, today: string): ContractView {
  const lapsed = c.status === 'active' && today > c.endDate;
  return {
    contractId: c.contractId,
    memberId: c.memberId,
    memberName: c.member.name,
    familyId: c.familyId,
    teamId: c.teamId,
    teamName: c.teamName,
    doctorId: c.doctor.personId,
    doctorName: c.doctor.name,
    packages: packageViews(c.packageIds),
    startDate: c.startDate,
    endDate: c.endDate,
    status: c.status,
    lapsed,
    renewable: c.status === 'active' && isInRenewalWindow(c.endDate, today),
    confirmation: c.confirmation
      ? { kind: c.confirmation.kind, at: c.confirmation.at, byName: c.confirmation.byName, ...(c.confirmation.actedBy ? { actedBy: c.confirmation.actedBy } : {}) }
      : undefined,
    termination: c.termination ? { reason: c.termination.reason, reasonLabel: terminationReasonLabels[c.termination.reason], date: c.termination.date } : undefined,
    performance: ServiceKind.options.map((kind) => ({
      kind,
      label: serviceKindLabels[kind],
      promisedPerYear: c.promised[kind],
      dueSoFar: dueSoFar(c.promised[kind], c.startDate, c.endDate, today),
      done: c.delivered[kind] ?? 0,
    })),
  };
}
