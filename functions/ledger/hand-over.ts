import { canHold, contactKindLabels, FamilyPath, HandoverRequest, servesRegion } from '../../domain';
import { getFamilyRecord } from '../lib/db/families';
import { handover } from '../lib/db/handover';
import { familySignings, planSigningMoves, readSigningMoves } from '../lib/db/lifecycle/signing-moves';
import { getPerson } from '../lib/db/persons';
import { getCountyDoctor } from '../lib/db/staff-directory';
import { familyRequestsVersion, listFamilyRequests, requestsHandoverItems } from '../lib/db/requests';
import { transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict, notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { handoverView } from './views';

/**
 * Commission staff reassign one place (township leader, village cadre, doctor or volunteer) of a
 * family in their region to another person, atomically (functions/lib/db/handover.ts), with the
 * family's open requests and the Idempotency-Key's answer in the same transaction. The person must
 * work in the family's township (contacts) or county (doctors).
 */
export const handler = routeHandler('ledger.handOver', { path: FamilyPath, body: HandoverRequest }, async ({ path, body, principal, now, idempotency }) => {
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
  // A doctor's county is the county's doctor directory (their person item may name none); a
  // contact person's is their region (servesRegion). Each is told in its own words.
  if (to.role === 'doctor') {
    if (!servesRegion(to, record.profile) || !(await getCountyDoctor(record.profile.countyId, to.personId))) throw badRequest('这位医生不是本县的医生', { 'body.toStaffId': '不是本县的医生' });
  } else if (!servesRegion(to, record.profile)) throw badRequest('这位联系人不在这户家庭所在的乡镇', { 'body.toStaffId': '不在本乡镇' });
  const existing = record.contacts.find((c) => c.staffId === to.personId);
  if (existing) throw conflict(`${to.name}已经是这户家庭的${contactKindLabels[existing.kind]}`);

  const change = handover({ profile: record.profile, contacts: record.contacts, kind: body.kind, to, byStaffId: principal.personId, reason: body.reason, fromStaffId: body.fromStaffId }, now);
  const moving = change.from
    ? requestsHandoverItems({ familyId: path.familyId, requests, summaryVersion: requestsVersion, fromStaffId: change.from.staffId, to: { staffId: to.personId, name: to.name }, byName: by?.name ?? '卫健委' }, now)
    : [];
  // The family's doctor place changing hands takes the members signed with the old doctor along
  // (signings, active contracts, plans, open refills and discharge notes), as a leaving doctor's
  // successor takes them (people/deactivate-staff.ts): otherwise the family would see one doctor on
  // its contacts and another on 我的签约, and its refills would wait on the old doctor's queue.
  const from = body.kind === 'doctor' && change.from ? { personId: change.from.staffId, name: change.from.name } : undefined;
  const signings = from ? await familySignings(path.familyId, from.personId) : [];
  const signingMoves = from && signings.length
    ? planSigningMoves(signings, from, to, { staffId: principal.personId, name: by?.name ?? '卫健委' }, body.reason || '更换家庭医生', now, await readSigningMoves(signings, from.personId, path.familyId)).flatMap((g) => g.parts)
    : [];
  const response = handoverView(change.record);
  try {
    await transact([...change.parts, ...moving, ...signingMoves, ...idempotency.marker(response, 201)]);
  } catch (err) {
    // Whichever part was refused, something read above changed meanwhile: nothing was written.
    if (err instanceof TransactionRefused) throw conflict('交接没有完成（信息刚被修改过），原联系人不变，请刷新后重试');
    throw err;
  }
  return { status: 201, body: response };
});
