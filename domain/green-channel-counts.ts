import * as z from './zod';
import type { WalkInPriority } from './green-channel';

/**
 * The green channel's counters and their summary, apart from the window's schemas: the dashboard
 * and the report read and sum them without taking in the lookup and walk-in forms.
 */

/** The counter attribute of each priority kind (stored names stay ASCII). */
export const priorityCounter = {
  挂号: 'pRegistration',
  就诊: 'pConsultation',
  检查: 'pExamination',
  取药: 'pPharmacy',
  收费: 'pPayment',
  住院: 'pInpatient',
  转诊: 'pReferral',
} as const satisfies Record<WalkInPriority, string>;

/** The running counters of one institution, one township and one month (all integers). */
export const greenChannelCounters = [
  'visitsBooked',
  'visitsWalkIn',
  ...Object.values(priorityCounter),
  'escorts',
  'wheelchairs',
  'reductionVisits',
  'reductionFen',
  'payLater',
  'admissions',
  'emergencyAdmissions',
  'priorityBeds',
] as const;
export type GreenChannelCounter = (typeof greenChannelCounters)[number];
export type GreenChannelCounts = Record<GreenChannelCounter, number>;

const counterShape = Object.fromEntries(greenChannelCounters.map((c) => [c, z.number()])) as { [K in GreenChannelCounter]: ReturnType<typeof z.number> };
export const GreenChannelFigures = z.object(counterShape);
export const GreenChannelRow = z.object({ id: z.string(), name: z.string(), figures: GreenChannelFigures });
export type GreenChannelRow = z.infer<typeof GreenChannelRow>;
export const GreenChannelSection = z.object({
  month: z.string(),
  institutions: z.array(GreenChannelRow),
  townships: z.array(GreenChannelRow),
  total: GreenChannelFigures,
});
export type GreenChannelSection = z.infer<typeof GreenChannelSection>;

export function noGreenChannelCounts(): GreenChannelCounts {
  return Object.fromEntries(greenChannelCounters.map((c) => [c, 0])) as GreenChannelCounts;
}

export function addGreenChannelCounts(a: GreenChannelCounts, b: Partial<GreenChannelCounts>): GreenChannelCounts {
  const out = { ...a };
  for (const c of greenChannelCounters) out[c] += b[c] ?? 0;
  return out;
}

/** One counter item as read: a township × institution × month. */
export interface GreenChannelCell extends Partial<GreenChannelCounts> {
  townshipId: string;
  townshipName: string;
  institutionId: string;
  institutionName: string;
}

const countsOf = (cell: Partial<GreenChannelCounts>): GreenChannelCounts => addGreenChannelCounts(noGreenChannelCounts(), cell);

/** The month's counter items summed per institution, per township and in total (sorted by name). */
export function summariseGreenChannel(month: string, cells: readonly GreenChannelCell[]): GreenChannelSection {
  const by = (id: (c: GreenChannelCell) => string, name: (c: GreenChannelCell) => string) => {
    const rows = new Map<string, GreenChannelRow>();
    for (const c of cells) {
      const row = rows.get(id(c)) ?? { id: id(c), name: name(c), figures: noGreenChannelCounts() };
      row.figures = addGreenChannelCounts(row.figures, c);
      rows.set(id(c), row);
    }
    return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  };
  return {
    month,
    institutions: by((c) => c.institutionId, (c) => c.institutionName),
    townships: by((c) => c.townshipId, (c) => c.townshipName),
    total: cells.reduce<GreenChannelCounts>((acc, c) => addGreenChannelCounts(acc, countsOf(c)), noGreenChannelCounts()),
  };
}

/** Yuan with 2 decimals for a fen amount, as the dashboard and the export print it. */
export const fenToYuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
