import * as z from './zod';

/**
 * Attachments (photos, voice clips) go straight from the phone to a private S3 bucket through a
 * presigned POST whose policy fixes the key, the content type and the size range; the message
 * that uses an upload names its key, and the server checks the stored object again (HeadObject)
 * before the message is written. Reads go through short-lived presigned GET URLs handed only to
 * those who may read the message.
 */
export const imageContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** What WeChat's recorder produces (format mp3 / aac / m4a). */
export const voiceContentTypes = ['audio/mpeg', 'audio/aac', 'audio/mp4', 'audio/x-m4a'] as const;

export const uploadLimits = {
  image: { maxBytes: 10 * 1024 * 1024, maxPerMessage: 9 },
  // 60 s at the recorder's highest AAC bit rate (320 kbps) is 2.4 MB; 3 MB leaves headroom.
  voice: { maxBytes: 3 * 1024 * 1024, maxDurationMs: 60_000 },
} as const;

export const fileExtensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
};

const Size = (max: number, what: string) =>
  z.int().check(z.minimum(1, '文件是空的'), z.maximum(max, `${what}不能超过 ${Math.round(max / 1024 / 1024)} MB`));
export const DurationMs = z.int().check(z.minimum(1, '录音时长不正确'), z.maximum(uploadLimits.voice.maxDurationMs, '语音不能超过 60 秒'));

export const UploadRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('image'),
    contentType: z.enum(imageContentTypes, '图片只能是 JPG、PNG 或 WebP 格式'),
    size: Size(uploadLimits.image.maxBytes, '每张图片'),
  }),
  z.strictObject({
    kind: z.literal('voice'),
    contentType: z.enum(voiceContentTypes, '语音格式不支持'),
    size: Size(uploadLimits.voice.maxBytes, '语音'),
    durationMs: DurationMs,
  }),
]);
export type UploadRequest = z.infer<typeof UploadRequest>;

/** The presigned POST: send `fields` plus the file (last) as multipart/form-data to `url`. */
export const UploadTicket = z.strictObject({
  key: z.string(),
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  maxBytes: z.number(),
});
export type UploadTicket = z.infer<typeof UploadTicket>;

/** Upload keys as the server hands them out (see functions/lib/storage/uploads.ts). */
export const UploadKey = z.string().check(z.maxLength(300, '附件编号过长'), z.regex(/^[a-z]+\/[A-Za-z0-9_./-]+$/, '附件编号格式不正确'));

/** An attachment as a message names it when sent. */
export const AttachmentRef = z.strictObject({
  key: UploadKey,
  durationMs: z.optional(DurationMs),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** An attachment as the reader gets it: a short-lived URL to fetch it from. */
export const AttachmentView = z.strictObject({
  kind: z.enum(['image', 'voice']),
  contentType: z.string(),
  size: z.number(),
  durationMs: z.optional(z.number()),
  url: z.string(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;
