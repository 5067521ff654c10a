import type { Page } from 'playwright-core';
import { addDays, beijingDate, beijingInstant, formatChineseDate, PRIVACY_GUIDE_VERSION, weekdayOf } from '../../domain';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, phoneContext, usePhonePage } from './browser';
import { agreeToPrivacy, button, chooseDemoPersona, screenshot } from './flows';

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** The privacy guide appears until the persona has agreed in this stack (another suite may have). */
async function passPrivacyIfAsked(p: Page, personId: string, ready: string) {
  const me = await call('GET', '/me', { token: await tokenFor(personId) });
  if (me.body.consent?.privacyGuideVersion !== PRIVACY_GUIDE_VERSION) await agreeToPrivacy(p, false);
  await p.getByText(ready).first().waitFor();
}

/** The first day at least two days ahead on which the county hospital's 全科 sits (Mon–Sat): its priority places are not yet released. */
function visitDay(): string {
  let d = addDays(beijingDate(new Date()), 2);
  while (weekdayOf(d) === 7) d = addDays(d, 1);
  return d;
}

/** The member's remaining subscription messages for the booking's three templates. */
async function bookingSubscriptions(): Promise<Record<string, number>> {
  const res = await call('GET', '/me/subscriptions', { token: await tokenFor('p_m0001') });
  const r = res.body.remaining as Record<string, number>;
  return { confirmed: r['booking.confirmed'] ?? 0, reminder: r['booking.reminder'] ?? 0, reminderSoon: r['booking.reminderSoon'] ?? 0 };
}

/** The outbox item with this id once the local sender has dealt with it (it sweeps every second). */
async function outboxItem(outboxId: string, settled: boolean): Promise<{ status: string; template: string } | undefined> {
  for (let i = 0; i < 40; i++) {
    const items = (await call('GET', '/__dev/outbox.json')).body.items as Array<{ outboxId: string; status: string; template: string }>;
    const item = items.find((x) => x.outboxId === outboxId);
    if (item && (!settled || item.status !== 'pending')) return item;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

test('a member books a priority place; the hospital verifies the card and checks her in; she sees the visit as done', async () => {
  const day = visitDay();
  // 1. The member books.
  await chooseDemoPersona(page, '王秀英 · 家庭成员');
  await passPrivacyIfAsked(page, 'p_m0001', '王桂兰');
  await button(page, '预约优先就医').click();
  // Whether the family's usual place is chosen already depends on what the shared stack holds:
  // open the lists either way, as a member choosing another place would.
  await page.getByText(/^1\. (选择医院|医院和科室)$/).waitFor();
  if (await button(page, '换一个').count()) await button(page, '换一个').click();
  await page.getByText('1. 选择医院').waitFor();
  await page.getByRole('radio', { name: '清河县人民医院' }).click();
  await page.getByRole('radio', { name: '全科' }).click();
  await page.getByRole('radio', { name: new RegExp(formatChineseDate(day)) }).click();
  await page.getByRole('radio', { name: /上午 08:00/ }).click();
  await page.getByText(/还剩 \d+ 个优先号/).first().waitFor();
  await page.getByRole('checkbox', { name: '需要轮椅' }).click();
  await screenshot(page, 'booking-1-choose');
  expectElderFriendly(await elderReport(page));
  const before = await bookingSubscriptions();
  await button(page, '确认预约').click();
  await page.getByText('预约成功').waitFor();
  // The tap asked for the confirmation and both reminders before booking: the confirmation went
  // out (not skipped), and one subscription each is waiting for the two reminders.
  const bookingId = new URL(page.url().replace('#', '')).searchParams.get('bookingId') ?? '';
  expect(bookingId).toMatch(/^bk_/);
  expect(await outboxItem(`booking-${bookingId}-confirmed`, true)).toMatchObject({ status: 'sent', template: 'booking.confirmed' });
  expect(await outboxItem(`booking-${bookingId}-remind-1d`, false)).toMatchObject({ status: 'pending', template: 'booking.reminder' });
  expect(await outboxItem(`booking-${bookingId}-remind-2h`, false)).toMatchObject({ status: 'pending', template: 'booking.reminderSoon' });
  const after = await bookingSubscriptions();
  expect(after).toEqual({ confirmed: before.confirmed, reminder: before.reminder + 1, reminderSoon: before.reminderSoon + 1 });
  await page.getByText('就医服务卡', { exact: true }).waitFor();
  await page.getByText('绿色通道专员吴静在导诊台等候').waitFor();
  await screenshot(page, 'booking-2-confirmation');
  expectElderFriendly(await elderReport(page));

  // 2. On the day, the green-channel officer opens today's list, verifies the card, checks her in.
  const morning = beijingInstant(day, '07:40').toISOString();
  const hospitalContext = await phoneContext(page.context().browser()!);
  await hospitalContext.setExtraHTTPHeaders({ 'x-test-now': morning });
  const hosp = await hospitalContext.newPage();
  try {
    await chooseDemoPersona(hosp, '吴静 · 医院绿色通道');
    await passPrivacyIfAsked(hosp, 'p_hosp01', '打开今天的优先就医名单');
    await button(hosp, '打开今天的优先就医名单').click();
    await hosp.getByText('今天的优先就医名单', { exact: true }).waitFor();
    await hosp.getByText('王秀英').first().waitFor();
    await hosp.getByText('需要轮椅').first().waitFor();
    await screenshot(hosp, 'booking-3-hospital-today');
    expectElderFriendly(await elderReport(hosp));

    const card = await call('GET', '/families/f_0001/card', { token: await tokenFor('p_m0001'), headers: { 'x-test-now': morning } });
    await hosp.locator('input[aria-label="服务卡二维码内容"]').fill(card.body.qr.content);
    await button(hosp, '核验就医服务卡').click();
    await hosp.getByText('服务卡有效：QH20250001').waitFor();
    await button(hosp, '签到，开始优先服务').first().click();
    await hosp.getByText('状态：已就诊').first().waitFor();
    await hosp.getByRole('checkbox', { name: '优先挂号' }).first().click();
    await hosp.getByRole('checkbox', { name: '优先取药' }).first().click();
    await button(hosp, '保存优先服务记录').first().click();
    await hosp.getByText('已保存优先服务记录').waitFor();
    await screenshot(hosp, 'booking-4-hospital-checked-in');
    expectElderFriendly(await elderReport(hosp));
  } finally {
    await hospitalContext.close();
  }

  // 3. The member sees the visit as done.
  await page.reload();
  await page.getByText('已就诊').first().waitFor();
  await page.getByText('优先挂号、优先取药').waitFor();
  await screenshot(page, 'booking-5-member-visit-done');
  expectElderFriendly(await elderReport(page));
});
