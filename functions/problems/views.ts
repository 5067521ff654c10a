import { isProblemOverdue, type Problem, type ProblemListResponse } from '../../domain';
import type { ProblemItem } from '../lib/db/problems';

export function problemView(p: ProblemItem, today: string): Problem {
  return {
    problemId: p.problemId,
    countyId: p.countyId,
    townshipId: p.townshipId,
    townshipName: p.townshipName,
    area: p.area,
    description: p.description,
    responsibleUnit: p.responsibleUnit,
    leaderName: p.leaderName,
    responsiblePersonId: p.responsiblePersonId,
    responsibleName: p.responsibleName,
    measures: p.measures,
    deadline: p.deadline,
    status: p.status,
    overdue: isProblemOverdue(p, today),
    ...(p.gap ? { gap: p.gap } : {}),
    families: p.families,
    ...(p.evidence ? { evidence: p.evidence } : {}),
    ...(p.rectifiedAt ? { rectifiedAt: p.rectifiedAt } : {}),
    ...(p.rectifiedByName ? { rectifiedByName: p.rectifiedByName } : {}),
    raisedByName: p.raisedByName,
    raisedAt: p.raisedAt,
    version: p.version,
  };
}

/** Overdue first, then open by deadline, then rectified newest first: what needs doing on top. */
export function problemList(items: ProblemItem[], today: string, status?: 'open' | 'overdue' | 'rectified'): ProblemListResponse {
  const views = items.map((p) => problemView(p, today));
  const counts = { open: 0, overdue: 0, rectified: 0 };
  for (const v of views) {
    if (v.status === 'rectified') counts.rectified += 1;
    else counts.open += 1;
    if (v.overdue) counts.overdue += 1;
  }
  const rank = (v: Problem) => (v.overdue ? 0 : v.status === 'open' ? 1 : 2);
  const shown = views
    .filter((v) => !status || (status === 'overdue' ? v.overdue : v.status === status))
    .sort((a, b) => rank(a) - rank(b) || (rank(a) === 2 ? (b.rectifiedAt ?? '').localeCompare(a.rectifiedAt ?? '') : a.deadline.localeCompare(b.deadline)) || a.problemId.localeCompare(b.problemId));
  return { items: shown, counts };
}
