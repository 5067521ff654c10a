import { type AccessLogResponse, actingActionLabels, FamilyPath, PageQuery, roleLabels } from '../../domain';
import { listAccessGroups } from '../lib/db/audit';
import { routeHandler } from '../lib/http/route-handler';

/**
 * "谁查看了我家信息": every audited read of the family's sensitive data, newest first, repeated
 * reads of one kind by one viewer on one day shown once with how many times, and what staff did
 * on the family's behalf (代办).
 */
export const handler = routeHandler('families.getAccessLog', { path: FamilyPath, query: PageQuery }, async ({ path, query }) => {
  const page = await listAccessGroups(path.familyId, { cursor: query.cursor, limit: query.limit ?? 30 });
  const body: AccessLogResponse = {
    items: page.items.map(({ at, firstAt, count, event: e }) => ({
      at,
      firstAt,
      count,
      viewerName: e.viewerName,
      viewerRoleLabel: roleLabels[e.viewerRole],
      organisation: e.organisation,
      subjectName: e.subjectName,
      field: e.field,
      // An action taken for the family is its own line, with what was done.
      actedLabel: e.action ? [actingActionLabels[e.action], e.actionDetail].filter(Boolean).join('：') : undefined,
    })),
    nextCursor: page.nextCursor,
  };
  return { body };
});
