import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../functions/lib/db/client';
import type { OutboxItem } from '../functions/lib/notify/outbox';
import type { WechatStandIn } from './wechat-stand-in';

/**
 * DEV ONLY. The local pages that show what the outbox sent (/__dev/outbox) and let tests make the
 * next sends fail. The outbox sender itself runs from the jobs table (local/jobs.ts).
 */

/** Every outbox item (a Scan: this is a developer's page, never a user path). */
async function allOutboxItems(): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({ TableName: tableName(), FilterExpression: 'entity = :e', ExpressionAttributeValues: { ':e': 'outbox' }, ExclusiveStartKey: start }),
    );
    items.push(...((out.Items ?? []) as OutboxItem[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface DevResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** The /__dev routes for notifications, or undefined if the path is not one of them. */
export async function notifyDevRoute(wechat: WechatStandIn, method: string, url: URL, body: string | undefined): Promise<DevResponse | undefined> {
  if (url.pathname === '/__wechat/cgi-bin/stable_token' && method === 'POST') {
    return { status: 200, body: JSON.stringify(wechat.stableToken(parseJson(body))) };
  }
  if (url.pathname === '/__wechat/cgi-bin/message/subscribe/send' && method === 'POST') {
    return { status: 200, body: JSON.stringify(wechat.subscribeSend(url.searchParams.get('access_token'), parseJson(body))) };
  }
  if (url.pathname === '/__dev/wechat/fail-next' && method === 'POST') {
    const { count, errcode, touser } = parseJson(body) as { count?: unknown; errcode?: unknown; touser?: unknown };
    if (typeof count !== 'number' || count < 1 || count > 100) return { status: 400, body: JSON.stringify({ message: 'count: 1..100' }) };
    wechat.failNext(count, typeof errcode === 'number' ? errcode : -1, typeof touser === 'string' ? touser : undefined);
    return { status: 204, body: '' };
  }
  if (url.pathname === '/__dev/outbox.json' && method === 'GET') {
    return { status: 200, body: JSON.stringify({ sent: wechat.sent, items: await allOutboxItems() }) };
  }
  if (url.pathname === '/__dev/outbox' && method === 'GET') {
    const items = await allOutboxItems();
    const rows = items
      .map((i) => `<tr class="${i.status}"><td>${escapeHtml(i.createdAt)}</td><td>${i.status}</td><td>${i.attempts}</td><td>${escapeHtml(i.recipientId)}</td><td>${escapeHtml(i.template)}</td><td>${escapeHtml(Object.values(i.data).join(' · '))}</td><td>${escapeHtml(i.sentAt ?? i.nextAttemptAt)}</td><td>${escapeHtml(i.lastError ?? '')}</td></tr>`)
      .join('\n');
    const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>本地订阅消息（开发用）</title>
<style>body{font:16px/1.5 sans-serif;margin:1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;text-align:left}.sent{background:#e8f5e9}.failed{background:#ffebee}.skipped{background:#eee}</style>
<h1>本地订阅消息 outbox（仅开发环境）</h1><p>待发送 ${items.filter((i) => i.status === 'pending').length} · 已发送 ${items.filter((i) => i.status === 'sent').length} · 未订阅跳过 ${items.filter((i) => i.status === 'skipped').length} · 失败 ${items.filter((i) => i.status === 'failed').length}。每 3 秒刷新。</p>
<table><tr><th>创建</th><th>状态</th><th>尝试</th><th>接收人</th><th>模板</th><th>内容</th><th>发送于 / 下次尝试</th><th>错误</th></tr>
${rows}</table></html>`;
    return { status: 200, body: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
  }
  return undefined;
}

function parseJson(body: string | undefined): Record<string, never> {
  try {
    return JSON.parse(body ?? '{}') as Record<string, never>;
  } catch {
    return {};
  }
}
