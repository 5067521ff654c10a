import { addDays, beijingDate, FamilyMemberPath, PrescriptionRequest, type Principal, stableForLongRx, STABLE_ASSESSMENT_MAX_AGE_DAYS } from '../../domain';
import { type PrescriptionItem, put } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { part, type Part, transact } from '../lib/db/transact';
import { ApiHttpError, badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { type MemberCtx, memberWithAccess, newId, prescriptionView, requireDoctor } from './access';

const ROUTE = 'prescriptions.create';
type Created = { prescription: ReturnType<typeof prescriptionView> };

/**
 * The signed doctor issues a long prescription (长处方, 28-56 days of supply) to a member assessed
 * stable within the last 90 days, for medicines on the member's file only. The prescription and
 * the Idempotency-Key's answer are one transaction.
 */
export const handler = routeHandler(ROUTE, { path: FamilyMemberPath, body: PrescriptionRequest }, async ({ path, body, principal, now, idempotency }) => {
  requireDoctor(principal);
  const ctx = await memberWithAccess(principal, path);
  const response = await createPrescription(ctx, path, body, principal, now, { alongside: (r) => idempotency.marker(r, 201) });
  return { status: 201, body: response };
});

/**
 * The prescription itself, given the member's context read with the prescribing doctor as viewer
 * (the route through the health-access rule): the route and the demo seed both come through here.
 * `prescriptionId` is given only by the seed (the demo's fixed ids); `alongside` adds parts to the
 * same transaction (the Idempotency-Key's marker).
 */
export async function createPrescription(
  ctx: MemberCtx,
  path: { familyId: string; memberId: string },
  body: PrescriptionRequest,
  principal: Principal,
  now: Date,
  options: { prescriptionId?: string; alongside?: (response: Created) => Part[] } = {},
): Promise<Created> {
  const today = beijingDate(now);
  if (!ctx.file) throw new ApiHttpError(409, 'no_health_file', '请先为这位居民建立健康档案');
  if (!stableForLongRx(ctx.file.stability, today)) {
    throw new ApiHttpError(409, 'not_stable', `长处方只开给最近 ${STABLE_ASSESSMENT_MAX_AGE_DAYS} 天内评估为病情稳定的居民，请先评估病情`);
  }
  const onFile = new Set(ctx.file.medicines.map((m) => m.name));
  const fields: Record<string, string> = {};
  body.items.forEach((item, i) => {
    if (!onFile.has(item.medicine)) fields[`body.items.${i}.medicine`] = `“${item.medicine}”不在这位居民的用药清单上`;
  });
  const supplyEndsOn = addDays(today, body.supplyDays);
  if (body.validUntil < supplyEndsOn) fields['body.validUntil'] = '有效期不能早于这次的药用完的日子';
  if (body.validUntil > addDays(today, 365)) fields['body.validUntil'] = '有效期最长一年';
  if (Object.keys(fields).length) throw badRequest(Object.values(fields)[0], fields);

  const prescriptionId = options.prescriptionId ?? newId('rx');
  const rx: PrescriptionItem = {
    ...keys.prescription(path.memberId, prescriptionId),
    entity: 'prescription',
    prescriptionId,
    memberId: path.memberId,
    familyId: path.familyId,
    doctorId: principal.personId,
    doctorName: ctx.viewer?.name ?? '家庭医生',
    items: body.items,
    supplyDays: body.supplyDays,
    refillsAllowed: body.refills,
    refillsRemaining: body.refills,
    validUntil: body.validUntil,
    issuedOn: today,
    supplyEndsOn,
    instructions: body.instructions,
  };
  const response: Created = { prescription: prescriptionView(rx, [], now) };
  await transact([part('prescription', put(rx)), ...(options.alongside?.(response) ?? [])]);
  return response;
}
