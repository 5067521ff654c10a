import { beijingDate, ContractPath, imageKindOf, SIGNATURE_MAX_BYTES, SignatureRequest, toBeijingIso } from '../../domain';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import type { ContractConfirmation } from '../lib/db/signing';
import { transact, TransactionRefused } from '../lib/db/signing';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { activeContractFor } from './contract-access';
import { contractView } from './views';
import { signatureWrites } from './signature-store';

/**
 * The member confirms the contract with a signature drawn on the canvas (on their phone, or on the
 * doctor's during a home visit). The bytes must really be a PNG or JPEG (magic bytes, not the
 * declared type) and at most 1 MB. The image and the confirmation are written in one transaction,
 * and only once.
 */
export const handler = routeHandler('signing.confirm', { path: ContractPath, body: SignatureRequest }, async ({ path, body, principal, now }) => {
  const [header, data] = body.image.split(',', 2);
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > SIGNATURE_MAX_BYTES) throw badRequest('签名图片不能超过 1 MB', { 'body.image': '图片超过 1 MB' });
  const kind = imageKindOf(bytes);
  if (!kind || !header.includes(kind)) throw badRequest('签名不是有效的图片，请重新签字', { 'body.image': '不是 PNG 或 JPEG 图片' });

  const contract = await activeContractFor(principal, path);
  if (contract.confirmation) throw conflict('这份签约已经签字确认过了');
  const store = signatureWrites(contract.memberId, contract.contractId, bytes, kind);
  const confirmation: ContractConfirmation = {
    kind: 'signature',
    at: toBeijingIso(now),
    byId: principal.personId,
    byName: contract.member.name,
    imageKind: kind,
    bytes: bytes.length,
    chunks: store.chunks,
  };
  try {
    await transact([
      {
        Update: {
          TableName: tableName(),
          Key: keys.signingContract(contract.memberId, contract.contractId),
          UpdateExpression: 'SET confirmation = :c',
          ConditionExpression: '#status = :active AND attribute_not_exists(confirmation)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':c': confirmation, ':active': 'active' },
        },
      },
      ...store.items,
    ]);
  } catch (err) {
    if (err instanceof TransactionRefused) throw conflict('这份签约已经签字确认过了');
    throw err;
  }
  return { body: contractView({ ...contract, confirmation }, beijingDate(now)) };
});
