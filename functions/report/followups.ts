import { memberFollowUps, noFollowUpFigures, type FollowUpFigures, type FollowUpGap, type ReportFollowUps } from '../../domain';
import type { DoctorFollowUpItem, PlanItem } from '../lib/db/followups';
import type { FamilyProfileItem } from '../lib/db/items';
import { personNames } from '../lib/db/report/read';
import type { SigningStateItem } from '../lib/db/signing';

/**
 * The report's follow-up section: among signed members with a follow-up plan, the monthly visits
 * and (for 失能 and 半失能 elders) weekly calls that were due in the period and whether the
 * doctor's team did them (domain/report-care.ts `memberFollowUps`), per township, and every member
 * behind a missed one with the responsible doctor. Reads nothing but the doctors' names.
 */
export async function followUpSection(input: {
  townships: ReadonlyArray<{ townshipId: string; townshipName: string }>;
  profiles: readonly FamilyProfileItem[];
  states: ReadonlyMap<string, SigningStateItem>;
  plans: readonly PlanItem[];
  doctorFollowUps: readonly DoctorFollowUpItem[];
  period: { months: string[]; asOf: string };
}): Promise<ReportFollowUps> {
  const profileById = new Map(input.profiles.map((p) => [p.familyId, p]));
  const datesOf = new Map<string, string[]>();
  for (const f of input.doctorFollowUps) datesOf.set(f.memberId, [...(datesOf.get(f.memberId) ?? []), f.date]);
  const figures = new Map<string, FollowUpFigures>(input.townships.map((t) => [t.townshipId, noFollowUpFigures()]));
  const gaps: Array<Omit<FollowUpGap, 'doctorName'> & { doctorId: string }> = [];

  for (const plan of input.plans) {
    const profile = profileById.get(plan.familyId);
    const member = profile?.members.find((m) => m.personId === plan.memberId);
    // Signed members alive at the period's end: a plan outlives neither the contract nor the member.
    if (!profile || !member || (member.deceasedOn && member.deceasedOn <= input.period.asOf)) continue;
    if (input.states.get(plan.memberId)?.state !== 'signed') continue;
    const f = figures.get(profile.townshipId);
    if (!f) continue;
    const mobility = plan.mobility ?? 'independent';
    const m = memberFollowUps({ memberId: plan.memberId, mobility, startedOn: plan.startedOn }, datesOf.get(plan.memberId) ?? [], input.period);
    f.planned += 1;
    f.visitsDue += m.visitsDue;
    f.visitsDone += m.visitsDone;
    f.visitsMissed += m.visitsDue - m.visitsDone;
    if (mobility !== 'independent') f.weeklyMembers += 1;
    f.callsDue += m.callsDue;
    f.callsDone += m.callsDone;
    f.callsMissed += m.callsDue - m.callsDone;
    if (m.visitsDue > m.visitsDone || m.callsDue > m.callsDone) {
      gaps.push({
        familyId: profile.familyId,
        familyName: profile.familyName,
        villageName: profile.villageName,
        townshipName: profile.townshipName,
        memberId: plan.memberId,
        memberName: member.name,
        mobility,
        doctorId: plan.doctorId,
        visitsMissed: m.visitsDue - m.visitsDone,
        callsMissed: m.callsDue - m.callsDone,
      });
    }
  }

  const names = await personNames(gaps.map((g) => g.doctorId));
  const townships = input.townships.map((t) => ({ townshipId: t.townshipId, townshipName: t.townshipName, ...figures.get(t.townshipId)! }));
  const total = noFollowUpFigures();
  for (const t of townships) for (const k of Object.keys(total) as Array<keyof FollowUpFigures>) total[k] += t[k];
  return {
    townships,
    total,
    gaps: gaps
      .map(({ doctorId, ...g }) => ({ ...g, doctorName: names.get(doctorId) ?? '签约医生' }))
      .sort((a, b) => a.townshipName.localeCompare(b.townshipName, 'zh') || a.villageName.localeCompare(b.villageName, 'zh') || a.familyName.localeCompare(b.familyName, 'zh') || a.memberName.localeCompare(b.memberName, 'zh')),
  };
}
