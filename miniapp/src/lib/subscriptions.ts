import Taro from '@tarojs/taro';
import type { NotificationTemplate } from '@domain';
import { notificationsApi } from '@/api/notifications';
import { isH5 } from '@/api/config';

/**
 * Asks the user for subscription messages (订阅消息) and tells the server which they accepted, so
 * it can count them (each acceptance allows one message; WeChat has no API to ask how many are
 * left).
 *
 * WeChat shows the request only when it is made inside the user's tap: call this FIRST THING in
 * the tap handler, before any `await` (TOOLCHAIN.md). It starts the request synchronously and
 * returns a promise the caller may ignore; a refusal or failure never blocks what the tap does.
 *
 * The H5 build is the local demo: there is no WeChat to ask, so it reports every template as
 * accepted, which lets the local outbox page show what a phone would receive.
 */
const templateIds: Partial<Record<NotificationTemplate, string>> = JSON.parse(process.env.TARO_APP_WECHAT_TEMPLATE_IDS || '{}');

export function requestSubscriptions(templates: NotificationTemplate[]): Promise<NotificationTemplate[]> {
  if (isH5) return report(templates);
  const wanted = templates.filter((t) => templateIds[t]);
  if (wanted.length === 0) return Promise.resolve([]);
  // Started synchronously, inside the tap: no await before this line.
  const asked = Taro.requestSubscribeMessage({ tmplIds: wanted.map((t) => templateIds[t]!), entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
  return asked
    .then((res) => report(wanted.filter((t) => (res as unknown as Record<string, string>)[templateIds[t]!] === 'accept')))
    .catch(() => []);
}

async function report(accepted: NotificationTemplate[]): Promise<NotificationTemplate[]> {
  if (accepted.length === 0) return [];
  try {
    await notificationsApi.grantSubscriptions(accepted);
    return accepted;
  } catch {
    // Not worth bothering the user: the next tap asks again.
    return [];
  }
}
