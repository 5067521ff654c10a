import { type AccessLogResponse, FamilyPath, PageQuery, roleLabels } from '../../domain';
import { listAccessGroups } from '../lib/db/audit';
import { routeHandler } from '../lib/http/route-handler';

/**
 * "谁查看了我家信息": every audited read of the family's sensitive data, newest first, repeated
 * reads of one kind by one viewer on one day shown once with how many times.
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
    })),
    nextCursor: page.nextCursor,
  };
  return { body };
});
