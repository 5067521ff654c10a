import { batchGetAll } from '../lib/db/batch';
import type { PrescriptionItem, RefillItem } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { notFound } from '../lib/http/errors';

/** The refill and its prescription, in one BatchGet, for the doctor's decisions. */
export async function refillWithPrescription(path: { memberId: string; prescriptionId: string; refillId: string }): Promise<{ refill: RefillItem; rx: PrescriptionItem }> {
  const items = await batchGetAll<RefillItem | PrescriptionItem>([
    keys.refill(path.memberId, path.prescriptionId, path.refillId),
    keys.prescription(path.memberId, path.prescriptionId),
  ]);
  const refill = items.find((i): i is RefillItem => i.entity === 'refill');
  const rx = items.find((i): i is PrescriptionItem => i.entity === 'prescription');
  if (!refill || !rx) throw notFound('没有找到这个续方申请');
  return { refill, rx };
}

export const shortTime = (iso: string) => iso.slice(5, 16).replace('T', ' ');
