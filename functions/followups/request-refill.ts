import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RefillRequestBody, RxPath } from '../../domain';
import { db, tableName } from '../lib/db/client';
import type { PrescriptionItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { routeHandler } from '../lib/http/route-handler';
import { memberWithAccess } from './access';
import { runRefillRequest } from './refill-core';

const ROUTE = 'prescriptions.requestRefill';

/**
 * The member asks for a refill (申请续方): the rules and the one transaction, with the
 * Idempotency-Key's answer, are in functions/followups/refill-core.ts.
 */
export const handler = routeHandler(ROUTE, { path: RxPath, body: RefillRequestBody }, async ({ path, body, principal, now, idempotency }) => {
  const ctx = await memberWithAccess(principal, path);
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.prescription(path.memberId, path.prescriptionId), ConsistentRead: true }));
  return runRefillRequest(out.Item as PrescriptionItem | undefined, { path, memberName: ctx.member.name, body, now, idempotency });
});
