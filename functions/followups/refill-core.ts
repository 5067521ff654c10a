import { type ActedBy, addDays, PICKUP_PLACE_MESSAGE, beijingDate, beijingWhen, REFILL_WINDOW_DAYS, type RefillRequestBody, type RefillResponse, refillBlock, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { type PrescriptionItem, put, type RefillItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { part, transact, type Part } from '../lib/db/transact';
import { actingRefusals } from '../lib/http/acting';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { ApiHttpError, badRequest, notFound } from '../lib/http/errors';
import { outboxPut } from '../lib/notify/outbox';
import type { Idempotency } from '../lib/http/idempotency';
import { newId, refillView } from './access';

/** The key to read with the request's other items: the pick-up place named, if any. */
export const pickupKeys = (body: RefillRequestBody) => (body.fulfilment === 'pickup' && body.pharmacy ? [keys.institution(body.pharmacy)] : []);

/**
 * The pick-up place as the refill keeps it: an active institution of the family's county (read
 * with `pickupKeys`), its id and its name at this moment. Anything else is bad input.
 */
export function pickupPlace(body: RefillRequestBody, countyId: string, institution: InstitutionItem | undefined): Pick<RefillItem, 'pharmacy' | 'pharmacyName'> {
  if (body.fulfilment !== 'pickup') return {};
  if (!institution || institution.countyId !== countyId || institution.retiredAt) throw badRequest(PICKUP_PLACE_MESSAGE, { 'body.pharmacy': PICKUP_PLACE_MESSAGE });
  return { pharmacy: institution.institutionId, pharmacyName: institution.name };
}

/**
 * A refill request (申请续方), from the member or from staff acting for the family: from 7 days
 * before the supply runs out, while the prescription is valid and has refills left, one open
 * request at a time. Every rule is also a condition of the transaction that marks the
 * prescription's open request, so two taps (or two family members, or a member and a cadre)
 * cannot open two requests; the Idempotency-Key's answer is in the same transaction. Not a handler.
 */
export async function runRefillRequest(
  rx: PrescriptionItem | undefined,
  req: {
    path: { familyId: string; memberId: string; prescriptionId: string };
    memberName: string;
    body: RefillRequestBody;
    /** From `pickupPlace`: checked before the rules, so bad input is told as such. */
    place: Pick<RefillItem, 'pharmacy' | 'pharmacyName'>;
    now: Date;
    idempotency: Idempotency;
    actedBy?: ActedBy;
    extra?: Part[];
    /**
     * The member's signed doctor now (their signing, read with the request's other items): the
     * request joins their queue, not the prescriber's, once the members have moved to another
     * doctor (a doctor deactivated, a family's doctor handed over). The prescriber's when unsigned.
     */
    signedDoctorId?: string;
  },
): Promise<{ status: number; body: RefillResponse }> {
  const { path, body, now } = req;
  if (!rx || rx.familyId !== path.familyId) throw notFound('没有找到这张长处方');
  const today = beijingDate(now);
  const block = refillBlock(rx, today);
  if (block) throw new ApiHttpError(409, 'refill_not_allowed', block.reason);

  const refillId = newId('rf');
  const doctorId = req.signedDoctorId ?? rx.doctorId;
  const at = toBeijingIso(now);
  const refill: RefillItem = {
    ...keys.refill(path.memberId, path.prescriptionId, refillId),
    entity: 'refill',
    refillId,
    prescriptionId: path.prescriptionId,
    familyId: path.familyId,
    memberId: path.memberId,
    memberName: req.memberName,
    doctorId,
    medicines: rx.items.map((i) => i.medicine).join('、'),
    status: 'submitted',
    fulfilment: body.fulfilment,
    ...req.place,
    submittedAt: at,
    history: [{ status: 'submitted', at }],
    ...(req.actedBy ? { actedBy: req.actedBy } : {}),
    gsi1pk: keys.staffPk(doctorId),
    gsi1sk: keys.refillQueueSk(now, refillId),
  };
  const response: RefillResponse = { refill: refillView(refill) };
  const open = () => new ApiHttpError(409, 'refill_not_allowed', '已经有一个续方申请在办理中');
  await transact(
    [
      part('refill', put(refill)),
      part('prescription', {
        Update: {
          TableName: tableName(),
          Key: keys.prescription(path.memberId, path.prescriptionId),
          UpdateExpression: 'SET openRefillId = :id',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(openRefillId) AND refillsRemaining > :zero AND validUntil >= :today AND supplyEndsOn <= :windowEnd',
          ExpressionAttributeValues: { ':id': refillId, ':zero': 0, ':today': today, ':windowEnd': addDays(today, REFILL_WINDOW_DAYS) },
        },
      }),
      part(
        'outbox',
        outboxPut(
          {
            recipientId: doctorId,
            template: 'refill.status',
            data: { medicine: `${req.memberName}：${refill.medicines}`, status: req.actedBy ? '新的续方申请（代办）' : '新的续方申请', time: beijingWhen(at, at) },
            page: 'packages/doctor/queue/index',
            dedupeKey: `refill#${refillId}#submitted`,
          },
          now,
        ),
      ),
      // The place retired between the read and this write would be refused as bad input.
      ...(req.place.pharmacy ? [part('pickupPlace', { ConditionCheck: { TableName: tableName(), Key: keys.institution(req.place.pharmacy), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(retiredAt)' } })] : []),
      ...(req.extra ?? []),
      ...req.idempotency.marker(response, 201),
    ],
    { refusals: { ...actingRefusals, prescription: open, refill: open, outbox: open, pickupPlace: () => badRequest(PICKUP_PLACE_MESSAGE, { 'body.pharmacy': PICKUP_PLACE_MESSAGE }) } },
  );
  return { status: 201, body: response };
}
