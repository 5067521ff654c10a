import * as z from './zod';
import { CountyId, FamilyId, IsoDate, PersonId, TownshipId } from './common';

/**
 * The problem ledger (问题台账 / 整改台账): what a self-inspection found wrong in a township, who
 * answers for putting it right (the responsible unit, its leader and the person doing it), the
 * measures, a deadline, and the evidence once it is rectified. Commission staff raise problems, by
 * hand or from a gap the dashboard or report shows (then the gap's key and the families behind it
 * travel with it); the responsible person sees theirs in the app and records the rectification.
 * A problem is overdue from the day after its deadline until it is rectified.
 */

export const ProblemId = z.string().check(z.regex(/^pb_[A-Za-z0-9]{8,60}$/, '问题编号格式不正确'));

/** What part of the policy the problem is about: the report groups problems by these. */
export const ProblemArea = z.enum(['contacts', 'visits', 'signing', 'followups', 'cards', 'green_channel', 'requests', 'records', 'other'], '请选择问题类别');
export type ProblemArea = z.infer<typeof ProblemArea>;
export const problemAreaLabels: Record<ProblemArea, string> = {
  contacts: '联系人配备',
  visits: '走访慰问',
  signing: '家庭医生签约',
  followups: '健康随访',
  cards: '就医服务卡',
  green_channel: '就医绿色通道',
  requests: '诉求办理',
  records: '信息档案',
  other: '其他',
};

export const ProblemStatus = z.enum(['open', 'rectified']);
export type ProblemStatus = z.infer<typeof ProblemStatus>;
export const problemStatusLabels: Record<ProblemStatus, string> = { open: '整改中', rectified: '已整改' };

export const PROBLEM_TEXT_MAX = 500;
export const PROBLEM_NAME_MAX = 30;
/** Families named with a problem: the names behind a gap, not a whole township's register. */
export const PROBLEM_FAMILIES_MAX = 50;

const text = (label: string, min: number) =>
  z.string().check(z.trim(), z.minLength(min, `请填写${label}`), z.maxLength(PROBLEM_TEXT_MAX, `${label}不能超过 ${PROBLEM_TEXT_MAX} 个字`));
const name = (label: string) => z.string().check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(PROBLEM_NAME_MAX, `${label}不能超过 ${PROBLEM_NAME_MAX} 个字`));

/** The fields a commission officer fills in, when raising a problem and when changing it. */
const ProblemFields = {
  area: ProblemArea,
  /** 存在的问题. */
  description: text('存在的问题', 4),
  /** 责任单位, e.g. 柳林乡人民政府. */
  responsibleUnit: name('责任单位'),
  /** 责任领导. */
  leaderName: name('责任领导'),
  /** 责任人: a staff member of the township, who then sees the problem in the app. */
  // Not chosen yet is said as such (the form shows it), before the id's shape (common.ts PersonId).
  responsiblePersonId: z.string().check(z.minLength(1, { error: '请选择责任人', abort: true }), z.regex(/^p_[A-Za-z0-9]{4,40}$/, '人员编号格式不正确')),
  /** 整改措施. */
  measures: text('整改措施', 4),
  /** 整改时限. */
  deadline: z.string().check(z.minLength(1, { error: '请选择整改时限', abort: true }), z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')),
};

export const ProblemCreateBody = z.strictObject({
  ...ProblemFields,
  townshipId: TownshipId,
  /** Raised from a gap of the dashboard or the report: which figure (e.g. coverage.village). */
  gap: z.optional(z.string().check(z.regex(/^[a-z][A-Za-z0-9_.]{1,60}$/, '问题来源格式不正确'))),
  /** The families behind the gap, so the rectification can be checked family by family. */
  familyIds: z.optional(z.array(FamilyId).check(z.maxLength(PROBLEM_FAMILIES_MAX, `一个问题最多关联 ${PROBLEM_FAMILIES_MAX} 户家庭`))),
});
export type ProblemCreateBody = z.infer<typeof ProblemCreateBody>;

/** A change of the measures, deadline or people; `version` is the one the editor saw. */
export const ProblemUpdateBody = z.strictObject({ ...ProblemFields, version: z.int().check(z.minimum(1, '版本号不正确')) });
export type ProblemUpdateBody = z.infer<typeof ProblemUpdateBody>;

/** 整改情况: what was done, as the evidence of rectification. */
export const ProblemRectifyBody = z.strictObject({ evidence: text('整改情况', 10), version: z.int().check(z.minimum(1, '版本号不正确')) });
export type ProblemRectifyBody = z.infer<typeof ProblemRectifyBody>;

export const ProblemPath = z.strictObject({ problemId: ProblemId });

export const ProblemListQuery = z.strictObject({
  townshipId: z.optional(TownshipId),
  status: z.optional(z.enum(['open', 'overdue', 'rectified'], '请选择整改状态')),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;

export const Problem = z.object({
  problemId: ProblemId,
  countyId: CountyId,
  townshipId: TownshipId,
  townshipName: z.string(),
  area: ProblemArea,
  description: z.string(),
  responsibleUnit: z.string(),
  leaderName: z.string(),
  responsiblePersonId: PersonId,
  responsibleName: z.string(),
  measures: z.string(),
  deadline: IsoDate,
  status: ProblemStatus,
  overdue: z.boolean(),
  gap: z.optional(z.string()),
  families: z.array(z.object({ familyId: z.string(), familyName: z.string() })),
  evidence: z.optional(z.string()),
  rectifiedAt: z.optional(z.string()),
  rectifiedByName: z.optional(z.string()),
  raisedByName: z.string(),
  raisedAt: z.string(),
  version: z.number(),
});
export type Problem = z.infer<typeof Problem>;

export const ProblemListResponse = z.object({
  items: z.array(Problem),
  /** Over the whole list asked for, before any status filter: what the dashboard shows. */
  counts: z.object({ open: z.number(), overdue: z.number(), rectified: z.number() }),
});
export type ProblemListResponse = z.infer<typeof ProblemListResponse>;

export function isProblemOverdue(p: { status: ProblemStatus; deadline: string }, today: string): boolean {
  return p.status === 'open' && today > p.deadline;
}
