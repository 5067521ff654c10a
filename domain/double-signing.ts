import * as z from './zod';
import { FamilyId, IsoDate, PersonId, TownshipId } from './common';
import type { TeamRole } from './roles';
import type { Cadence } from './followups';
import { addDays, monthOf, quarterOf, weekStart } from './time';

/**
 * The health-poverty double-signing programme's three tiers (seed 004: "县乡村三级责任医生分别要在每季度、
 * 每月、每周通过电话或上门巡诊等方式提供一次健康服务", the 1+1+1 team of 乡村医生, 乡镇卫生院临床医生
 * and 县级医院专科医生): who is responsible for each tier of a member in the programme, what
 * completes a tier in its period, and the figures and names the commission reports.
 *
 * Who serves which tier follows from the doctor's role on the member's signed team, not from the
 * doctor's institution: a team is defined per township by the commission, which assigns the roles
 * knowing where each person works (the 1+1+1 form requires exactly these three roles,
 * domain/signing-teams.ts), while institution records are optional for village clinics and a
 * township GP may be seconded from the county hospital yet serve as the township tier.
 * - 乡村医生 (village_doctor) → village tier, weekly;
 * - 全科医生 (gp, the township health centre's doctor; the team's lead GP first) → township tier, monthly;
 * - 专科医生 (specialist, the county hospital's) → county tier, quarterly.
 * Nurses, health managers and counsellors help the team but serve no tier: their visits count
 * for the contract, not for a tier. A tier with nobody in its role has no responsible person, and
 * that is itself a gap, as is every member in the programme without a signed team.
 */

/**
 * The three tiers. Kept here, not in domain/followups/, which only names them: a module importing
 * the follow-up modules carries their form schemas into every Lambda bundle that reads a tier.
 */
export const DoubleSigningTier = z.enum(['village', 'township', 'county']);
export type DoubleSigningTier = z.infer<typeof DoubleSigningTier>;

/** The health-poverty double-signing programme (seed 004): three tiers, each its own cadence (shown on plans). */
export const doubleSigningTiers = [
  { level: 'village', label: '村医', cadence: 'weekly' },
  { level: 'township', label: '乡镇卫生院', cadence: 'monthly' },
  { level: 'county', label: '县级医院', cadence: 'quarterly' },
] as const satisfies readonly { level: DoubleSigningTier; label: string; cadence: Cadence }[];

export const tierOfRole: Partial<Record<TeamRole, DoubleSigningTier>> = { village_doctor: 'village', gp: 'township', specialist: 'county' };

export const tierLabels: Record<DoubleSigningTier, string> = { village: '村级（乡村医生）', township: '乡镇级（乡镇卫生院）', county: '县级（县级医院）' };
/** The current period of each tier, as the doctor and the officer read it. */
export const tierNowLabels: Record<DoubleSigningTier, string> = { village: '本周', township: '本月', county: '本季度' };

export const tierCadence = (tier: DoubleSigningTier): Cadence => doubleSigningTiers.find((t) => t.level === tier)?.cadence ?? 'weekly';

/** The tiers in programme order, village first. */
export const TIERS: readonly DoubleSigningTier[] = DoubleSigningTier.options;

/**
 * The tier's period a Beijing day belongs to: a week by its Monday (YYYY-MM-DD), a month
 * (YYYY-MM), a quarter (YYYY-Qn). Ids sort in time order within a tier.
 */
export function tierPeriodOf(tier: DoubleSigningTier, day: string): string {
  if (tier === 'village') return weekStart(day);
  if (tier === 'township') return monthOf(day);
  return quarterOf(day);
}

/** Every period of the tier that has at least one day in [from, to] (Beijing days), oldest first. */
export function tierPeriodsBetween(tier: DoubleSigningTier, from: string, to: string): string[] {
  const out: string[] = [];
  const step = tier === 'village' ? 7 : 1;
  for (let day = tier === 'village' ? weekStart(from) : from; day <= to; day = addDays(day, step)) {
    const p = tierPeriodOf(tier, day);
    if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}

/** A period in words: "12月7日起的一周", "2026年12月", "2026年第4季度". */
export function tierPeriodLabel(tier: DoubleSigningTier, period: string): string {
  if (tier === 'village') return `${Number(period.slice(5, 7))}月${Number(period.slice(8))}日起的一周`;
  if (tier === 'township') return `${period.slice(0, 4)}年${Number(period.slice(5))}月`;
  return `${period.slice(0, 4)}年第${period.slice(6)}季度`;
}

export interface TierPerson {
  personId: string;
  name: string;
}

/**
 * The responsible person of each tier on a team: the first member in the tier's role, in the
 * team's order, except that the lead GP (the team's first responsible person) takes the township
 * tier when the team has several GPs.
 */
export function tierResponsibles(team: { leadId: string; members: ReadonlyArray<{ personId: string; name: string; role: TeamRole }> } | undefined): Record<DoubleSigningTier, TierPerson | undefined> {
  const out: Record<DoubleSigningTier, TierPerson | undefined> = { village: undefined, township: undefined, county: undefined };
  if (!team) return out;
  const ordered = [...team.members].sort((a, b) => Number(b.personId === team.leadId) - Number(a.personId === team.leadId));
  for (const m of ordered) {
    const tier = tierOfRole[m.role];
    if (tier && !out[tier]) out[tier] = { personId: m.personId, name: m.name };
  }
  return out;
}

/** The periods a member was served in, per tier, and the last day served (the member's tier state). */
export interface TierServed {
  periods: Partial<Record<DoubleSigningTier, readonly string[]>>;
  lastOn: Partial<Record<DoubleSigningTier, string>>;
}

// ---------------------------------------------------------------------------------------------
// The officer's figures

export const TierFigures = z.object({
  tier: DoubleSigningTier,
  /** Members in the programme (建档立卡 or 因病致贫), living. */
  members: z.number(),
  /** Of them, members whose team has a doctor for this tier. */
  withResponsible: z.number(),
  /** Member-periods of the tier in the report's window (up to its as-of day), and those served. */
  periods: z.number(),
  served: z.number(),
  /** Members served in the tier's current period (the one holding the as-of day). */
  servedNow: z.number(),
  /** Members with at least one period of the window unserved, or no responsible doctor. */
  membersWithGaps: z.number(),
});
export type TierFigures = z.infer<typeof TierFigures>;

/** The fields of report.ts's ReportFamilyRef, spelled out: report.ts imports this module. */
const GapFamily = z.object({ familyId: FamilyId, familyName: z.string(), villageName: z.string(), townshipName: z.string() });
type GapFamily = z.infer<typeof GapFamily>;

export const TierGap = z.object({
  ...GapFamily.shape,
  memberId: PersonId,
  memberName: z.string(),
  tier: DoubleSigningTier,
  /** Absent: the tier has nobody responsible (no signed team, or nobody in the role). */
  responsibleName: z.optional(z.string()),
  periods: z.number(),
  served: z.number(),
  /** Not served in the current period yet. */
  dueNow: z.boolean(),
  lastServedOn: z.optional(IsoDate),
});
export type TierGap = z.infer<typeof TierGap>;

export const DoubleSigningTownship = z.object({ townshipId: TownshipId, townshipName: z.string(), tiers: z.array(TierFigures) });
export type DoubleSigningTownship = z.infer<typeof DoubleSigningTownship>;

/** The report's and the dashboard's 双签约 section. */
export const DoubleSigningSection = z.object({
  /** The window counted: from the report's first day to its as-of day. */
  fromDay: IsoDate,
  asOf: IsoDate,
  townships: z.array(DoubleSigningTownship),
  total: z.array(TierFigures),
  gaps: z.array(TierGap),
});
export type DoubleSigningSection = z.infer<typeof DoubleSigningSection>;

/** The dashboard's section: the caller's county or one of its townships, this month to today. */
export const DoubleSigningQuery = z.strictObject({ townshipId: z.optional(TownshipId) });
export type DoubleSigningQuery = z.infer<typeof DoubleSigningQuery>;

export interface ProgrammeMember {
  ref: GapFamily;
  townshipId: string;
  memberId: string;
  memberName: string;
  responsibles: Record<DoubleSigningTier, TierPerson | undefined>;
  served: TierServed;
}

/** The figures and the gaps of a set of programme members over [fromDay, asOf]; pure, so a recount is the same function of the records. */
export function doubleSigningFigures(members: readonly ProgrammeMember[], fromDay: string, asOf: string): { total: TierFigures[]; gaps: TierGap[]; byTownship: Map<string, TierFigures[]> } {
  const windows = Object.fromEntries(TIERS.map((t) => [t, tierPeriodsBetween(t, fromDay, asOf)])) as Record<DoubleSigningTier, string[]>;
  const zero = (): TierFigures[] => TIERS.map((tier) => ({ tier, members: 0, withResponsible: 0, periods: 0, served: 0, servedNow: 0, membersWithGaps: 0 }));
  const total = zero();
  const byTownship = new Map<string, TierFigures[]>();
  const gaps: TierGap[] = [];
  for (const m of members) {
    const own = byTownship.get(m.townshipId) ?? zero();
    byTownship.set(m.townshipId, own);
    TIERS.forEach((tier, i) => {
      const window = windows[tier];
      const done = new Set(m.served.periods[tier] ?? []);
      const served = window.filter((p) => done.has(p)).length;
      const dueNow = !done.has(window[window.length - 1]);
      const responsible = m.responsibles[tier];
      const gap = !responsible || served < window.length;
      for (const f of [total[i], own[i]]) {
        f.members += 1;
        f.withResponsible += responsible ? 1 : 0;
        f.periods += window.length;
        f.served += served;
        f.servedNow += dueNow ? 0 : 1;
        f.membersWithGaps += gap ? 1 : 0;
      }
      if (gap) gaps.push({ ...m.ref, memberId: m.memberId, memberName: m.memberName, tier, responsibleName: responsible?.name, periods: window.length, served, dueNow, lastServedOn: m.served.lastOn[tier] });
    });
  }
  const tierRank = (t: DoubleSigningTier) => TIERS.indexOf(t);
  gaps.sort((a, b) => a.townshipName.localeCompare(b.townshipName, 'zh') || a.villageName.localeCompare(b.villageName, 'zh') || a.familyName.localeCompare(b.familyName, 'zh') || a.memberName.localeCompare(b.memberName, 'zh') || tierRank(a.tier) - tierRank(b.tier));
  return { total, gaps, byTownship };
}

/** What a gap says, for the page, the narrative and the table. */
export function tierGapText(g: Pick<TierGap, 'tier' | 'responsibleName' | 'periods' | 'served' | 'dueNow'>): string {
  const who = g.responsibleName ? `责任医生${g.responsibleName}` : '没有责任医生';
  const unserved = g.periods - g.served;
  const missed = g.dueNow ? unserved - 1 : unserved;
  const parts = [who];
  if (missed > 0) parts.push(`${missed}个周期未随访`);
  if (g.dueNow) parts.push(`${tierNowLabels[g.tier]}尚未随访`);
  return parts.join('，');
}

export const doubleSigningTexts = {
  heading: '“双签约”三级随访情况',
  table: '“双签约”县乡村三级随访情况表',
  gapsTable: '“双签约”三级随访未落实名单',
} as const;
