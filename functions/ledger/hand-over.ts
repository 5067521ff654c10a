import { canHold, contactKindLabels, FamilyPath, HandoverRequest, type HandoverRecord } from '../../domain';
import { getFamilyRecord } from '../lib/db/families';
import { findHandover, handOver, HandoverFailedError, handoverIdFor, type HandoverItem } from '../lib/db/handover';
import { getPerson } from '../lib/db/persons';
import { familyRequestsVersion, listFamilyRequests, requestsHandoverItems } from '../lib/db/requests';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

const present = ({ pk: _pk, sk: _sk, entity: _e, ...record }: HandoverItem): HandoverRecord => record;

/**
 * Commission staff reassign one place (township leader, village cadre, doctor or volunteer) of a
 * family in their region to another person, atomically (functions/lib/db/handover.ts).
 */
export const handler = routeHandler('ledger.handOver', { path: FamilyPath, body: HandoverRequest }, async ({ path, body, principal, now, headers }) => {
  const handoverId = handoverIdFor(path.familyId, headers['idempotency-key']);
  // The family's requests and their summary version are read before the transaction and
  // conditioned on inside it, so the open ones move with the place or the hand-over fails.
  const [record, to, by, requests, requestsVersion] = await Promise.all([
    getFamilyRecord(path.familyId),
    getPerson(body.toStaffId),
    getPerson(principal.personId),
    listFamilyRequests(path.familyId),
    familyRequestsVersion(path.familyId),
  ]);
  if (!record) throw notFound('没有找到这户家庭');
  if (!to || !canHold(body.kind, to)) throw badRequest(`这位人员不能担任${contactKindLabels[body.kind]}`, { 'body.toStaffId': '人员与岗位不符' });
  if (to.role === 'contact' && to.regionId !== record.profile.townshipId) throw badRequest('这位联系人不在这户家庭所在的乡镇', { 'body.toStaffId': '不在本乡镇' });
  const existing = record.contacts.find((c) => c.staffId === to.personId);
  if (existing) {
    // A retry of a hand-over that went through: answer it again.
    const done = await findHandover(path.familyId, handoverId);
    if (done) return { body: present(done) };
    throw conflict(`${to.name}已经是这户家庭的${contactKindLabels[existing.kind]}`);
  }
  try {
    const extra = (from: { staffId: string } | undefined) =>
      from
        ? requestsHandoverItems({ familyId: path.familyId, requests, summaryVersion: requestsVersion, fromStaffId: from.staffId, to: { staffId: to.personId, name: to.name }, byName: by?.name ?? '卫健委' }, now)
        : [];
    const item = await handOver({ profile: record.profile, contacts: record.contacts, kind: body.kind, to, byStaffId: principal.personId, reason: body.reason, handoverId, extra }, now);
    return { status: 201, body: present(item) };
  } catch (err) {
    if (err instanceof HandoverFailedError) throw conflict('交接没有完成（信息刚被修改过），原联系人不变，请刷新后重试');
    throw err;
  }
});
