import Taro from '@tarojs/taro';
import type { AttachmentRef, UploadRequest } from '@domain';
import { messagingApi, type ThreadRef } from '../../../api/messaging';
import { ApiFailure } from '../../../api/errors';

const typeByExtension: Record<string, UploadRequest['contentType']> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
};

/**
 * Sends one local file to S3 with a presigned POST from our API (the policy there fixes its type
 * and size), and returns the reference a message names. The file goes straight to S3, never
 * through our functions.
 */
export async function uploadFile(thread: ThreadRef, file: { path: string; size: number; type?: string }, durationMs?: number): Promise<AttachmentRef> {
  const ext = (file.path.split('?')[0].split('.').pop() ?? '').toLowerCase();
  const contentType = (file.type && Object.values(typeByExtension).includes(file.type as UploadRequest['contentType']) ? file.type : typeByExtension[ext]) as UploadRequest['contentType'] | undefined;
  if (!contentType) throw new ApiFailure('http', 400, '只能发送 JPG、PNG、WebP 图片或语音');
  const request: UploadRequest = contentType.startsWith('audio/')
    ? { kind: 'voice', contentType: contentType as Extract<UploadRequest, { kind: 'voice' }>['contentType'], size: file.size, durationMs: Math.max(1, Math.round(durationMs ?? 1)) }
    : { kind: 'image', contentType: contentType as Extract<UploadRequest, { kind: 'image' }>['contentType'], size: file.size };
  const ticket = await messagingApi.presign(thread, request);
  // withCredentials: the H5 build would otherwise send cookies, which S3's CORS (origin *) refuses.
  const res = await Taro.uploadFile({ url: ticket.url, filePath: file.path, name: 'file', formData: ticket.fields, withCredentials: false });
  if (res.statusCode < 200 || res.statusCode >= 300) throw new ApiFailure('http', res.statusCode, '文件上传没有成功，请再试一次');
  return { key: ticket.key };
}
