import type { MessagePage, ThreadSide } from '../../../domain';
import { listMessages } from '../db/messaging/threads';
import { badRequest } from '../http/errors';
import { messageView, threadSummary } from './views';

export async function messagePage(threadId: string, query: { cursor?: string; since?: string }, side: ThreadSide): Promise<MessagePage> {
  if (query.cursor && query.since) throw badRequest('cursor 与 since 不能同时使用', { 'query.since': '不能与 cursor 同时使用' });
  const page = await listMessages(threadId, query);
  return {
    messages: await Promise.all(page.messages.map(messageView)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    ...(page.meta ? { thread: threadSummary(page.meta, side) } : {}),
  };
}
