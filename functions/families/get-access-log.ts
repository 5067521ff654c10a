import { type AccessLogResponse, FamilyPath, PageQuery, roleLabels } from '../../domain';
import { listAuditEvents } from '../lib/db/audit';
import { routeHandler } from '../lib/http/route-handler';

/** "谁查看了我家信息": every audited read of the family's sensitive data, newest first. */
export const handler = routeHandler('families.getAccessLog', { path: FamilyPath, query: PageQuery }, async ({ path, query }) => {
  const page = await listAuditEvents(path.familyId, { cursor: query.cursor, limit: query.limit ?? 30 });
  const body: AccessLogResponse = {
    items: page.items.map((e) => ({
      at: e.at,
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
