import type { PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { randomUUID } from 'node:crypto';
import { fileExtensions, imageContentTypes, IMPORT_MAX_BYTES, importContentTypes, type ImportUploadRequest, uploadLimits, voiceContentTypes, type AttachmentView, type UploadRequest, type UploadTicket } from '../../../domain';
import { badRequest, notFound } from '../http/errors';
import { s3, uploadsBucket } from './s3';

/**
 * Presigned uploads and reads of attachments.
 *
 * Keys are `<scope>/<uploader>/<uuid>.<ext>`, where the scope names the one conversation or
 * consultation the upload is for (e.g. `conv/f_0001/p_cadre01`). The POST policy pins the exact
 * key, the content type and the size range, and the declared voice duration as metadata; the
 * message that names the key is accepted only if the key lies under that conversation's scope and
 * the sender's id, and the stored object passes the same checks again (HeadObject), so a key cannot
 * be moved to another conversation, and a client that skipped the policy gains nothing.
 */
const POST_TTL_S = 5 * 60;
const GET_TTL_S = 10 * 60;
const DURATION_META = 'duration-ms';
/** Uploads start tagged as not attached; the bucket's lifecycle expires those after two days. */
const tagging = (attached: 'yes' | 'no') => `<Tagging><TagSet><Tag><Key>attached</Key><Value>${attached}</Value></Tag></TagSet></Tagging>`;

export interface StoredAttachment {
  key: string;
  kind: 'image' | 'voice';
  contentType: string;
  size: number;
  durationMs?: number;
}

/** `maxBytes` narrows the kind's limit for a caller with a stricter one (a signature: 1 MB). */
export async function presignUpload(scope: string, uploaderId: string, req: UploadRequest, maxBytes: number = uploadLimits[req.kind].maxBytes): Promise<UploadTicket> {
  const key = `${scope}/${uploaderId}/${randomUUID()}.${fileExtensions[req.contentType]}`;
  const fields: Record<string, string> = { 'Content-Type': req.contentType, tagging: tagging('no') };
  const conditions: PresignedPostOptions['Conditions'] = [
    ['content-length-range', 1, maxBytes],
    ['eq', '$Content-Type', req.contentType],
    ['eq', '$tagging', tagging('no')],
  ];
  if (req.kind === 'voice') {
    fields[`x-amz-meta-${DURATION_META}`] = String(req.durationMs);
    conditions.push(['eq', `$x-amz-meta-${DURATION_META}`, String(req.durationMs)]);
  }
  const { client } = await s3();
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
  const post = await createPresignedPost(client, { Bucket: uploadsBucket(), Key: key, Conditions: conditions, Fields: fields, Expires: POST_TTL_S });
  // S3 checks the policy's expiry against its own clock, so this is real time, not the request's.
  const expiresAt = new Date(Date.now() + POST_TTL_S * 1000).toISOString();
  return { key, url: post.url, fields: post.fields, expiresAt, maxBytes };
}

const kindOf = (contentType: string): 'image' | 'voice' | undefined =>
  (imageContentTypes as readonly string[]).includes(contentType) ? 'image' : (voiceContentTypes as readonly string[]).includes(contentType) ? 'voice' : undefined;

/**
 * The stored object behind `key`, if it belongs to `scope` and `uploaderId` and is an acceptable
 * attachment; otherwise a 400 naming the field. One HeadObject per attachment.
 */
export async function verifyUpload(key: string, scope: string, uploaderId: string, field: string): Promise<StoredAttachment> {
  if (!key.startsWith(`${scope}/${uploaderId}/`) || key.includes('..')) {
    throw badRequest('附件不属于这段对话，请重新上传', { [field]: '附件不属于这段对话' });
  }
  let head;
  try {
    const { sdk, client } = await s3();
    head = await client.send(new sdk.HeadObjectCommand({ Bucket: uploadsBucket(), Key: key }));
  } catch (err) {
    if (isMissing(err)) throw badRequest('附件还没有上传成功，请重新上传', { [field]: '附件不存在' });
    throw err;
  }
  const contentType = head.ContentType ?? '';
  const kind = kindOf(contentType);
  const size = head.ContentLength ?? 0;
  if (!kind || fileExtensions[contentType] !== key.split('.').pop()) throw badRequest('附件格式不支持', { [field]: '附件格式不支持' });
  if (size < 1 || size > uploadLimits[kind].maxBytes) throw badRequest('附件大小超出限制', { [field]: '附件大小超出限制' });
  if (kind === 'image') return { key, kind, contentType, size };
  const durationMs = Number(head.Metadata?.[DURATION_META]);
  if (!Number.isInteger(durationMs) || durationMs < 1 || durationMs > uploadLimits.voice.maxDurationMs) {
    throw badRequest('语音不能超过 60 秒', { [field]: '语音时长不正确' });
  }
  return { key, kind, contentType, size, durationMs };
}

/**
 * Exempts verified uploads from the expiry of abandoned ones. Done before the message is written:
 * should the write then fail, an attached-but-unused object is kept (harmless), never the reverse
 * (a message whose photo expires).
 */
export async function markAttached(attachments: StoredAttachment[]): Promise<void> {
  const { sdk, client } = await s3();
  await Promise.all(
    attachments.map((a) => client.send(new sdk.PutObjectTaggingCommand({ Bucket: uploadsBucket(), Key: a.key, Tagging: { TagSet: [{ Key: 'attached', Value: 'yes' }] } }))),
  );
}

/**
 * A ticket for a register file to import (commission staff): `imports/<uploader>/<uuid>.<xlsx|csv>`,
 * same policy rules as attachments. The import reads it back with `readImportUpload`.
 */
export async function presignImportUpload(uploaderId: string, req: ImportUploadRequest): Promise<UploadTicket> {
  const key = `imports/${uploaderId}/${randomUUID()}.${importContentTypes[req.contentType]}`;
  const conditions: PresignedPostOptions['Conditions'] = [
    ['content-length-range', 1, IMPORT_MAX_BYTES],
    ['eq', '$Content-Type', req.contentType],
    ['eq', '$tagging', tagging('no')],
  ];
  const { client } = await s3();
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
  const post = await createPresignedPost(client, { Bucket: uploadsBucket(), Key: key, Conditions: conditions, Fields: { 'Content-Type': req.contentType, tagging: tagging('no') }, Expires: POST_TTL_S });
  return { key, url: post.url, fields: post.fields, expiresAt: new Date(Date.now() + POST_TTL_S * 1000).toISOString(), maxBytes: IMPORT_MAX_BYTES };
}

/** The import file's format, if `key` is the uploader's own import upload (else 400). */
function importFormatOf(key: string, uploaderId: string): 'xlsx' | 'csv' {
  const format = key.split('.').pop();
  if (!key.startsWith(`imports/${uploaderId}/`) || key.includes('..') || (format !== 'xlsx' && format !== 'csv')) {
    throw badRequest('文件编号不正确，请重新上传', { key: '不是您上传的导入文件' });
  }
  return format;
}

const missingImport = () => notFound('没有找到上传的文件（可能没有上传成功或已过期），请重新上传');
const isMissing = (err: unknown) => ['NoSuchKey', 'NotFound'].includes((err as { name?: string }).name ?? '');

/** Before an import is queued: the key is the uploader's own import upload (else 400) and the file is there (else 404). */
export async function checkImportUpload(key: string, uploaderId: string): Promise<void> {
  importFormatOf(key, uploaderId);
  try {
    const { sdk, client } = await s3();
    await client.send(new sdk.HeadObjectCommand({ Bucket: uploadsBucket(), Key: key }));
  } catch (err) {
    if (isMissing(err)) throw missingImport();
    throw err;
  }
}

/** The uploaded register file, if `key` is the uploader's own import upload (else 400) and exists (else 404). */
export async function readImportUpload(key: string, uploaderId: string): Promise<{ format: 'xlsx' | 'csv'; body: Buffer }> {
  const format = importFormatOf(key, uploaderId);
  try {
    const { sdk, client } = await s3();
    const out = await client.send(new sdk.GetObjectCommand({ Bucket: uploadsBucket(), Key: key }));
    if ((out.ContentLength ?? 0) > IMPORT_MAX_BYTES) throw badRequest('文件不能超过 5 MB', { key: '文件过大' });
    return { format, body: Buffer.from(await out.Body!.transformToByteArray()) };
  } catch (err) {
    if (isMissing(err)) throw missingImport();
    throw err;
  }
}

/** A URL the reader's app can fetch the attachment from for the next few minutes. */
export async function attachmentView(a: StoredAttachment): Promise<AttachmentView> {
  const url = await signedGetUrl(a.key);
  return { kind: a.kind, contentType: a.contentType, size: a.size, ...(a.durationMs ? { durationMs: a.durationMs } : {}), url };
}

/** A presigned GET of `key`, valid for the next few minutes. */
export async function signedGetUrl(key: string): Promise<string> {
  const { sdk, client } = await s3();
  const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
  return getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: uploadsBucket(), Key: key }), { expiresIn: GET_TTL_S });
}
