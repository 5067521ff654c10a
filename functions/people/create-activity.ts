import { CreateActivityRequest, staffPosts, postOf, toBeijingIso, type ActivityView } from '../../domain';
import { activityPart, newActivityId } from '../lib/db/activities';
import { batchGetAll } from '../lib/db/batch';
import type { FamilyProfileItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { personsById } from '../lib/db/handover-batch';
import { staffInReach } from '../lib/db/staff';
import { transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { officerCounty } from './access';

/**
 * Records a 精神慰藉 activity: which social helpers went to which families, on what day. Every
 * helper and family must be within the officer's region; the activity is counted per month.
 */
export const handler = routeHandler('people.createActivity', { body: CreateActivityRequest }, async ({ body, principal, now, idempotency }) => {
  const countyId = await officerCounty(principal);
  const [helpers, families] = await Promise.all([personsById(body.helperIds), batchGetAll<FamilyProfileItem>(body.familyIds.map((id) => keys.familyProfile(id)))]);
  const fields: Record<string, string> = {};
  for (const [i, id] of body.helperIds.entries()) {
    const h = helpers.get(id);
    const post = h && postOf(h);
    if (!h || !post || !staffPosts[post].helper || !(await staffInReach(principal, h))) fields[`body.helperIds.${i}`] = '不是本辖区的帮扶人员（志愿者、计生协会员、爱心人士）';
  }
  const byId = new Map(families.map((f) => [f.familyId, f]));
  body.familyIds.forEach((id, i) => {
    const f = byId.get(id);
    const mine = f && f.countyId === countyId && (principal.level !== 'township' || f.townshipId === principal.regionId);
    if (!mine) fields[`body.familyIds.${i}`] = '不是本辖区的家庭';
  });
  if (Object.keys(fields).length) throw badRequest('有的人员或家庭不在您的辖区，请核对', fields);
  const view: ActivityView = {
    activityId: newActivityId(),
    title: body.title,
    date: body.date,
    notes: body.notes || undefined,
    countyId,
    helpers: body.helperIds.map((id) => ({ personId: id, name: helpers.get(id)!.name, organisation: helpers.get(id)!.organisation ?? '' })),
    families: body.familyIds.map((id) => ({ familyId: id, familyName: byId.get(id)!.familyName, townshipId: byId.get(id)!.townshipId })),
    byStaffId: principal.personId,
    at: toBeijingIso(now),
  };
  await transact([activityPart(view), ...idempotency.marker(view, 201)]);
  return { status: 201, body: view };
});
