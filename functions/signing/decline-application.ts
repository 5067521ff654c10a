import { ApplicationPath, ApplicationDeclineRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { answerApplication } from '../lib/db/signing';
import { part, transact } from '../lib/db/transact';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { answeredAlready, applicationToAnswer, memberNotice } from './shared';

/** The team lead declines with a reason the member sees; the member may apply again later. */
export const handler = routeHandler('signing.decline', { path: ApplicationPath, body: ApplicationDeclineRequest }, async ({ path, body, principal, now }) => {
  const app = await applicationToAnswer(principal, path);
  const at = toBeijingIso(now);
  await transact(
    [
      part('application', answerApplication(app, principal.personId, at, { status: 'declined', declineReason: body.reason })),
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
    { refusals: { application: answeredAlready, state: answeredAlready } },
  );
  return { body: { applicationId: app.applicationId, status: 'declined' as const, declineReason: body.reason } };
});
