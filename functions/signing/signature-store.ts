import { type ConfirmationImage, confirmationImageMaxBytes, imageKindOf, type ImageKind, type SignatureUploadRequest, type UploadTicket } from '../../domain';
import { badRequest } from '../lib/http/errors';
import { s3, uploadsBucket } from '../lib/storage/s3';
import { attachmentView, markAttached, presignUpload, verifyUpload } from '../lib/storage/uploads';

/**
 * Where a member's drawn signature is kept: the shared attachments bucket (functions/lib/storage),
 * under `sign/<family>/<contract>/<uploader>/<uuid>.<ext>`. The phone uploads the PNG with a
 * presigned POST whose policy pins the key, the type and 1 MB; the confirmation names the key,
 * and before anything is written the stored object is checked again: under this contract and
 * uploader (so a key cannot be borrowed from another contract), at most 1 MB (HeadObject), and
 * really a PNG or JPEG by its first bytes (a ranged GetObject of 8 bytes, not the declared type).
 * The contract item records the key, the kind, the size and the time. A photo of a form signed on
 * paper (kind 'paper', uploaded by the team acting for the family) takes the same path with a
 * 5 MB limit instead of 1 MB.
 */
const signatureScope = (familyId: string, contractId: string) => `sign/${familyId}/${contractId}`;
const MAGIC_BYTES = 8;

export interface StoredSignature {
  key: string;
  kind: ImageKind;
  contentType: string;
  bytes: number;
}

export function presignSignature(familyId: string, contractId: string, uploaderId: string, req: SignatureUploadRequest): Promise<UploadTicket> {
  const { kind = 'signature', contentType, size } = req;
  return presignUpload(signatureScope(familyId, contractId), uploaderId, { kind: 'image', contentType, size }, confirmationImageMaxBytes(kind));
}

/** The uploaded signature behind `key`, checked; a 400 naming `body.key` otherwise. */
export async function verifySignature(
  key: string,
  contract: { familyId: string; contractId: string },
  uploaderId: string,
  image: ConfirmationImage = 'signature',
): Promise<StoredSignature> {
  const field = 'body.key';
  if (!key.startsWith(`${signatureScope(contract.familyId, contract.contractId)}/${uploaderId}/`) || key.includes('..')) {
    throw badRequest('签名图片不属于这份签约，请重新签字', { [field]: '签名图片不属于这份签约' });
  }
  const stored = await verifyUpload(key, signatureScope(contract.familyId, contract.contractId), uploaderId, field);
  if (stored.kind !== 'image' || stored.size > confirmationImageMaxBytes(image)) {
    throw image === 'paper' ? badRequest('照片不能超过 5 MB', { [field]: '图片超过 5 MB' }) : badRequest('签名图片不能超过 1 MB', { [field]: '图片超过 1 MB' });
  }
  const { sdk, client } = await s3();
  const head = await client.send(new sdk.GetObjectCommand({ Bucket: uploadsBucket(), Key: key, Range: `bytes=0-${MAGIC_BYTES - 1}` }));
  const first = head.Body ? await head.Body.transformToByteArray() : new Uint8Array(0);
  const kind = imageKindOf(first);
  if (!kind || stored.contentType !== `image/${kind}`) throw badRequest('签名不是有效的图片，请重新签字', { [field]: '不是 PNG 或 JPEG 图片' });
  await markAttached([stored]);
  return { key, kind, contentType: stored.contentType, bytes: stored.size };
}

/** A URL the reader's app can fetch the signature from for the next few minutes. */
export async function signatureUrl(signature: { key: string; contentType: string; bytes: number }): Promise<string> {
  return (await attachmentView({ key: signature.key, kind: 'image', contentType: signature.contentType, size: signature.bytes })).url;
}
