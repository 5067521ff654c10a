import { ApplicationPath, ApplicationDeclineRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { getApplication } from '../lib/db/signing';
import { part, transact } from '../lib/db/transact';
import { conflict, forbidden, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { memberNotice } from './shared';

/** The team lead declines with a reason the member sees; the member may apply again later. */
export const handler = routeHandler('signing.decline', { path: ApplicationPath, body: ApplicationDeclineRequest }, async ({ path, body, principal, now }) => {
  const app = await getApplication(path.memberId, path.applicationId);
  if (!app) throw notFound('没有找到这份申请');
  if (app.leadId !== principal.personId) throw forbidden('只有团队长可以处理签约申请');
  if (app.status !== 'pending') throw conflict('这份申请已经处理过了');
  const at = toBeijingIso(now);
  const decided = () => conflict('这份申请已经处理过了');
  await transact(
    [
      part('application', {
        Update: {
          TableName: tableName(),
          Key: keys.signingApplication(app.memberId, app.applicationId),
          UpdateExpression: 'SET #status = :declined, decidedAt = :at, declineReason = :r REMOVE gsi1pk, gsi1sk',
          ConditionExpression: '#status = :pending AND leadId = :me',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':declined': 'declined', ':pending': 'pending', ':at': at, ':r': body.reason, ':me': principal.personId },
        },
      }),
      part('state', {
        Update: {
          TableName: tableName(),
          Key: keys.signingState(app.memberId),
          UpdateExpression: 'SET #state = :declined, updatedAt = :at REMOVE deadline',
          ConditionExpression: '#state = :applied AND applicationId = :app',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':declined': 'declined', ':applied': 'applied', ':app': app.applicationId, ':at': at },
        },
      }),
      part('outbox', outboxPut(memberNotice(app.memberId, app.teamName, `未能签约：${body.reason}`, now, `signing-declined-${app.applicationId}`), now)),
    ],
    { refusals: { application: decided, state: decided } },
  );
  return { body: { applicationId: app.applicationId, status: 'declined' as const, declineReason: body.reason } };
});
