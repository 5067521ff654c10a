import * as z from './zod';
import { CountyId, FamilyId, TownshipId } from './common';
import { ContactKind } from './roles';
import { ageOn } from './time';
import type { FamilyType } from './families';
import { DoubleSigningSection } from './double-signing';
import { ReportFollowUps, ReportGreenChannel } from './report-care';

/**
 * The self-inspection report (自查报告) of a township or a county for a period of whole months:
 * the figures the seeds' reports are judged on, and the names behind every figure below its
 * target. Pure: counting rules and the shapes of the report routes.
 */

export const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'));

/** At most a year per report: the per-month contact reads are bounded by townships x months. */
export const REPORT_MAX_MONTHS = 12;
/** Trend of the last twelve months, from the monthly counters (one Query). */
export const TREND_MONTHS = 12;

export const ReportQuery = z.strictObject({
  /** First month of the period; default: the last month of it. */
  from: z.optional(Month),
  /** Last month of the period; default: this month. */
  to: z.optional(Month),
  townshipId: z.optional(TownshipId),
  /** A city officer's report narrowed to one of the city's counties (with townshipId: one of its townships). */
  countyId: z.optional(CountyId),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Default: the Word document, the file cadres hand upward. */
export const ReportExportQuery = z.strictObject({ ...ReportQuery.shape, format: z.optional(z.enum(['docx', 'xlsx'])) });
export type ReportExportQuery = z.infer<typeof ReportExportQuery>;

/** Targets the figures are held to (seed 001: every family, every member who wants it; seed 004: >= 95% of 建档立卡 members signed). */
export const REPORT_TARGETS = { contactCoverage: 1, reached: 1, signingWanting: 1, signingPoor: 0.95, cards: 1, awareness: 0.9, satisfaction: 0.9 } as const;

/**
 * 建档立卡 (registered poor) as the report reads it. Every read of a family's poverty flag goes
 * through here, so a change of how the flag is stored changes one line.
 */
export const isRegisteredPoor = (family: { registeredPoor?: boolean }): boolean => family.registeredPoor === true;

/**
 * The seeds count families and people "49岁以上" etc.: a person counts in a band when their age on
 * the last day of the period is at least its threshold, and a family when any member does (the
 * policy's couples "夫妻在49周岁以下" are the ones below: both under 49).
 */
export const AGE_BANDS = [49, 60, 80] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const Headcount = z.object({ families: z.number(), people: z.number() });
export type Headcount = z.infer<typeof Headcount>;

/** One row of 特殊家庭基本情况统计表: all families, or those of one age band, by type. */
export const PopulationRow = z.object({
  band: z.enum(['all', '49', '60', '80']),
  label: z.string(),
  total: Headcount,
  bereaved: Headcount,
  disabled: Headcount,
});
export type PopulationRow = z.infer<typeof PopulationRow>;

export const bandLabel = (band: PopulationRow['band']) => (band === 'all' ? '合计' : `${band}岁以上`);

/** The population rows of a set of families, counted as the seeds count them. */
export function populationRows(families: Array<{ familyType: FamilyType; members: Array<{ birthDate: string; deceasedOn?: string }> }>, onDay: string): PopulationRow[] {
  const bands: Array<PopulationRow['band']> = ['all', ...AGE_BANDS.map((b) => String(b) as '49' | '60' | '80')];
  return bands.map((band) => {
    const row: PopulationRow = { band, label: bandLabel(band), total: { families: 0, people: 0 }, bereaved: { families: 0, people: 0 }, disabled: { families: 0, people: 0 } };
    for (const f of families) {
      // The living, as the members counter counts them: a member who died stays on the record only.
      const living = f.members.filter((m) => !m.deceasedOn || m.deceasedOn > onDay);
      const people = band === 'all' ? living.length : living.filter((m) => ageOn(m.birthDate, onDay) >= Number(band)).length;
      if (people === 0) continue;
      for (const h of [row.total, row[f.familyType]]) {
        h.families += 1;
        h.people += people;
      }
    }
    return row;
  });
}

/** `countyName` only in a city's report, whose names behind the gaps are grouped by county. */
export const ReportFamilyRef = z.object({ familyId: FamilyId, familyName: z.string(), villageName: z.string(), townshipName: z.string(), countyName: z.optional(z.string()) });
export type ReportFamilyRef = z.infer<typeof ReportFamilyRef>;

export const ReportFigures = z.object({
  families: z.number(),
  members: z.number(),
  /** Families with their township and village contacts (the doctor is counted under signing). */
  familiesWithAllContacts: z.number(),
  contacts: z.number(),
  visits: z.number(),
  calls: z.number(),
  online: z.number(),
  festivalGreetings: z.number(),
  birthdayGreetings: z.number(),
  /** Festival and birthday greetings, a home visit on a festival day included (it is both). */
  greetings: z.number(),
  familiesReached: z.number(),
  familiesVisited: z.number(),
  wantingMembers: z.number(),
  signedMembers: z.number(),
  poorMembers: z.number(),
  poorSignedMembers: z.number(),
  cardHolders: z.number(),
  /** Requests raised and resolved in the period; open and overdue at its end (as the dashboard counts on that day). */
  requestsRaised: z.number(),
  requestsResolved: z.number(),
  requestsOpen: z.number(),
  requestsOverdue: z.number(),
  surveyAnswered: z.number(),
  surveyAware: z.number(),
  surveySatisfied: z.number(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportTownship = z.object({ townshipId: TownshipId, townshipName: z.string(), ...ReportFigures.shape });
export type ReportTownship = z.infer<typeof ReportTownship>;

export const TrendMonth = z.object({ month: Month, contacts: z.number(), visits: z.number(), greetings: z.number(), familiesContacted: z.number(), familiesVisited: z.number() });
export type TrendMonth = z.infer<typeof TrendMonth>;

/** Who stands behind a figure below its target. */
export const ReportGaps = z.object({
  missingContacts: z.array(z.object({ ...ReportFamilyRef.shape, missing: z.array(ContactKind) })),
  notReached: z.array(z.object({ ...ReportFamilyRef.shape, contactNames: z.array(z.string()) })),
  poorUnsigned: z.array(z.object({ ...ReportFamilyRef.shape, memberName: z.string() })),
  wantingUnsigned: z.array(z.object({ ...ReportFamilyRef.shape, memberName: z.string() })),
  withoutCard: z.array(ReportFamilyRef),
  overdueRequests: z.array(z.object({ ...ReportFamilyRef.shape, title: z.string(), dueDate: z.string(), assigneeName: z.optional(z.string()) })),
  /** Contact persons with families they did not reach in the period. */
  staff: z.array(z.object({ staffId: z.string(), name: z.string(), notReached: z.number(), families: z.number(), countyName: z.optional(z.string()) })),
});
export type ReportGaps = z.infer<typeof ReportGaps>;

/**
 * The problem ledger (domain/problems.ts) in the report: problems raised in the period and how many
 * of them are rectified, and every problem still open with those past their deadline named.
 */
export const ReportProblems = z.object({
  raised: z.number(),
  rectified: z.number(),
  open: z.number(),
  overdue: z.array(z.object({ problemId: z.string(), townshipName: z.string(), area: z.string(), description: z.string(), responsibleName: z.string(), deadline: z.string(), countyName: z.optional(z.string()) })),
});
export type ReportProblems = z.infer<typeof ReportProblems>;

/**
 * One county of a city's report, side by side with the others: its own report's total (computed
 * by the county code itself) and its problem ledger's counts.
 */
export const ReportCounty = z.object({
  countyId: CountyId,
  countyName: z.string(),
  ...ReportFigures.shape,
  problems: z.object({ raised: z.number(), rectified: z.number(), open: z.number(), overdue: z.number() }),
});
export type ReportCounty = z.infer<typeof ReportCounty>;

export const ReportResponse = z.object({
  regionName: z.string(),
  level: z.enum(['county', 'township', 'city']),
  from: Month,
  to: Month,
  /** The day the population is counted on: the period's last day, or today when earlier. */
  asOf: z.string(),
  quarter: z.string(),
  population: z.array(PopulationRow),
  townships: z.array(ReportTownship),
  total: ReportFigures,
  trend: z.array(TrendMonth),
  gaps: ReportGaps,
  problems: ReportProblems,
  /** A city's report: its counties side by side (`townships` is then empty). */
  counties: z.optional(z.array(ReportCounty)),
  /** The health-poverty double-signing programme's three tiers (domain/double-signing.ts). */
  doubleSigning: DoubleSigningSection,
  /** The signed doctors' follow-ups in the period, done by the doctor's team. */
  followUps: ReportFollowUps,
  /** The green channel's counters over the period's months (the dashboard's section). */
  greenChannel: ReportGreenChannel,
});
export type ReportResponse = z.infer<typeof ReportResponse>;

export const reportPeriodLabel = (from: string, to: string) => {
  const m = (s: string) => `${s.slice(0, 4)}年${Number(s.slice(5))}月`;
  return from === to ? m(from) : `${m(from)}至${m(to)}`;
};

/** The months from `from` through `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The month `n` months before `month` (n may be negative). */
export function monthMinus(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) - n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export const reportTexts = {
  title: '计划生育特殊家庭“三个全覆盖”工作自查报告',
  population: '特殊家庭基本情况统计表',
  contactTable: '联系人制度落实情况表',
  careTable: '扶助关怀情况统计表',
  followUpTable: '家庭医生随访落实情况表',
  gapsTable: '未达标名单',
  badPeriod: '开始月份不能晚于结束月份',
  longPeriod: '一次最多统计 12 个月',
  future: '不能统计未来的月份',
} as const;
