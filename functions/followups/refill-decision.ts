import type { PrescriptionItem, RefillItem } from '../lib/db/followups';
import { itemAt } from '../lib/db/followups';
import { keys } from '../lib/db/keys';
import { notFound } from '../lib/http/errors';

type RefillKeys = { memberId: string; prescriptionId: string; refillId: string };

/** The refill and its prescription: keys for the member context's BatchGet (memberWithAccess). */
export const refillKeys = (path: RefillKeys) => [keys.refill(path.memberId, path.prescriptionId, path.refillId), keys.prescription(path.memberId, path.prescriptionId)];

/** The refill and its prescription among the items read with `refillKeys`, for the doctor's decisions. */
export function refillWithPrescription(items: ReadonlyArray<Record<string, unknown> & { pk: string; sk: string }>, path: RefillKeys): { refill: RefillItem; rx: PrescriptionItem } {
  const [refillKey, rxKey] = refillKeys(path);
  const refill = itemAt<RefillItem>(items, refillKey);
  const rx = itemAt<PrescriptionItem>(items, rxKey);
  if (!refill || !rx) throw notFound('没有找到这个续方申请');
  return { refill, rx };
}

