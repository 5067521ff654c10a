import { canHold, DeactivateStaffRequest, StaffPath, contactKindLabels, type DeactivateStaffResponse } from '../../domain';
import { allSignedMembers, packTransactions, planHandovers } from '../lib/db/handover-batch';
import type { FamilyContactItem } from '../lib/db/items';
import { planSigningMoves, readSigningMoves } from '../lib/db/lifecycle/signing-moves';
import { getPerson } from '../lib/db/persons';
import { countyOfStaff, listPlaces, staffStatusOf, staffView, statusParts } from '../lib/db/staff';
import { transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { staffOfOfficer } from './access';

const stale = () => conflict('这位人员的信息或所联系的家庭刚有变动，停用没有完成，什么也没有改变。请刷新后重试');

/**
 * Deactivates a staff member. Refused while they hold a place in any family, unless a successor is
 * named: then each family's place moves to the successor (with its open requests, the family told)
 * in the SAME transaction as the deactivation, so no family is ever without its contact. A person
 * with more families than one transaction holds is first marked leaving (nobody can give them a
 * family any more), their families handed over batch by batch, and then deactivated; a failure
 * half-way leaves every family with a contact and the person leaving, and a retry finishes.
 * A doctor's signed members go the same way, with the families: refused without a successor, and
 * moved (in the same transactions or batches) only to a working doctor of the same county, with
 * their active contracts, plans and the open refills and discharge notes of the doctor's queue
 * (lib/db/lifecycle/signing-moves.ts).
 */
export const handler = routeHandler('people.deactivateStaff', { path: StaffPath, body: DeactivateStaffRequest }, async ({ path, body, principal, now }) => {
  const person = await staffOfOfficer(principal, path.personId);
  const status = staffStatusOf(person);
  if (status === 'inactive') throw conflict('这位人员已经停用');
  if (status === 'active' && (person.version ?? 0) !== body.version) throw stale();
  const [places, signings] = await Promise.all([listPlaces<FamilyContactItem>(person.personId), person.role === 'doctor' ? allSignedMembers(person.personId) : []]);
  if (places.length && !body.successorId) {
    throw conflict(`${person.name}还是 ${places.length} 户家庭的${contactKindLabels[places[0]!.kind]}等联系人，请先把这些家庭交接给别人，或指定接任人一起交接`);
  }
  if (signings.length && !body.successorId) {
    throw conflict(`${person.name}还是 ${signings.length} 位居民的签约家庭医生，请指定本县的一位医生接任，签约居民一起转给他`);
  }
  const successor = body.successorId ? await getPerson(body.successorId) : undefined;
  if (body.successorId === person.personId) throw badRequest('接任人不能是要停用的人员本人', { 'body.successorId': '不能是本人' });
  if (body.successorId && !successor) throw badRequest('没有找到接任人', { 'body.successorId': '没有找到这位人员' });
  const countyId = await countyOfStaff(person);
  // What moves with a leaving doctor's signed members: their plans, contracts and the open entries
  // of the doctor's queue (refills, discharge notes), which would otherwise wait for nobody.
  const reads = person.role === 'doctor' && successor ? await readSigningMoves(signings, person.personId) : undefined;
  // Signed members (and their open queue entries) stay with a doctor of the county: the successor must be one, still working.
  if ((signings.length || reads?.queue.length) && (!canHold('doctor', successor!) || (await countyOfStaff(successor!)) !== countyId)) {
    throw badRequest('签约居民只能转给本县在岗的医生', { 'body.successorId': '不是本县在岗的医生' });
  }

  const by = await getPerson(principal.personId);
  const plan = await planHandovers(
    places.map((c) => ({ familyId: c.familyId, kind: c.kind, to: successor!, fromStaffId: person.personId })),
    { staffId: principal.personId, name: by?.name ?? '卫健委' },
    body.reason || `${person.name}停用`,
    now,
  );
  if (plan.problems.size) {
    const first = [...plan.problems.values()][0]!;
    throw badRequest(`接任人不能接手全部家庭：${first}`, { 'body.successorId': first });
  }
  const moves = reads && (signings.length || reads.queue.length) ? planSigningMoves(signings, person, successor!, { staffId: principal.personId, name: by?.name ?? '卫健委' }, body.reason || `${person.name}停用`, now, reads) : [];
  const final = statusParts(person, 'inactive', status === 'active' ? { version: body.version } : { status: 'leaving' }, now, countyId);
  const chunks = packTransactions([...plan.groups, ...moves], final.length);
  let transactions = 0;
  try {
    if (chunks.length <= 1) {
      await transact([...(chunks[0]?.parts ?? []), ...final]);
      transactions = 1;
    } else {
      // A retry of a deactivation left half-way resumes from the leaving record as it stands.
      let version = person.version ?? 0;
      if (status === 'active') {
        await transact(statusParts(person, 'leaving', { version: body.version }, now, countyId));
        version = body.version + 1;
        transactions += 1;
      }
      for (const chunk of chunks) {
        await transact(chunk.parts);
        transactions += 1;
      }
      await transact(statusParts({ ...person, version }, 'inactive', { status: 'leaving' }, now, countyId));
      transactions += 1;
    }
  } catch (err) {
    if (err instanceof TransactionRefused) throw stale();
    throw err;
  }
  const after = (await getPerson(person.personId))!;
  return { body: { staff: staffView(after), handedOver: plan.records.length, ...(signings.length ? { signedMembersMoved: signings.length } : {}), transactions } satisfies DeactivateStaffResponse };
});
