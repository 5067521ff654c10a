import { beijingDate, FamilyPath, TransferOutRequest } from '../../domain';
import { tableName } from '../lib/db/client';
import { townshipStatsAdd } from '../lib/db/coverage';
import { keys } from '../lib/db/keys';
import { changePut } from '../lib/db/lifecycle/changes';
import { profileUpdate } from '../lib/db/lifecycle/profile';
import { figuresOf, negate, readRegionChange, summaryRegionUpdate } from '../lib/db/lifecycle/region-change';
import { part, type Part, transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { familyDetailsView } from './views';

/**
 * A family moved out of the county. Its records stay where they are (the county can still read
 * its history through the family scope), but it leaves the township and county lists and the
 * stale-contact list, its contacts let go of it, and its figures leave the township's counters,
 * all in one transaction with the change record, which names the former contacts.
 */
export const handler = routeHandler('lifecycle.transferOut', { path: FamilyPath, body: TransferOutRequest }, async ({ path, body, principal, now }) => {
  if (body.movedOn > beijingDate(now)) throw badRequest('迁出日期不能晚于今天', { 'body.movedOn': '迁出日期不能晚于今天' });
  const { profile, contacts, actor } = await familyForChange(path.familyId, body.version, principal);
  const reads = await readRegionChange(profile);
  const writes: Part[] = [
    part('profile', profileUpdate(path.familyId, body.version, { status: 'transferred_out', transferredOut: { destination: body.destination, on: body.movedOn } }, ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'])),
    ...(reads.summary ? [part('summary', summaryRegionUpdate(reads.summary, undefined))] : []),
    ...contacts.map((c) => part('contact', { Delete: { TableName: tableName(), Key: keys.familyContact(path.familyId, c.staffId), ConditionExpression: 'attribute_exists(pk)' } })),
    part('counter', townshipStatsAdd(profile, negate(figuresOf(profile, contacts, reads)))),
    part(
      'change',
      changePut(
        {
          familyId: path.familyId,
          townshipId: profile.townshipId,
          kind: 'transfer_out',
          by: actor,
          summary: `${body.movedOn}迁往${body.destination}，记录保留，不再计入本县统计`,
          before: { 状态: '在册', 联系人: contacts.map((c) => c.name).join('、') },
          after: { 状态: '已迁出', 迁往: body.destination },
        },
        now,
      ),
    ),
  ];
  await transact(writes, { refusals: staleRefusal });
  return { body: familyDetailsView({ ...profile, status: 'transferred_out', version: body.version + 1 }) };
});
