import type { Locator, Page } from 'playwright-core';
import { addDays, beijingDate, formatChineseDate, PRIVACY_GUIDE_VERSION, weekdayOf } from '../../domain';
import { call, tokenFor } from '../support/api';
import { elderReport, expectElderFriendly, phoneContext, usePhonePage } from './browser';
import { agreeToPrivacy, appUrl, button, screenshot } from './flows';

/**
 * Referral and admission pages end to end on H5: the family doctor 陈立新 (p_doc01) refers his
 * signed member 孙长海 (p_m0006, f_0004) to the county hospital; 孙长海 asks for a bed; the
 * green-channel officer 吴静 (p_hosp01) accepts it and later writes the discharge note, which the
 * doctor then finds in his follow-up queue. No other e2e suite books for or admits f_0004.
 */
const buttonIn = (l: Locator, text: string) => l.locator('taro-button-core').filter({ hasText: text });

const currentPage = usePhonePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

async function openAs(from: Page, personId: string, ready: string, healthData = false): Promise<Page> {
  const context = await phoneContext(from.context().browser()!);
  const p = await context.newPage();
  await p.goto(`${appUrl().replace(/\/$/, '')}/?persona=demo-openid-${personId}`);
  const me = await call('GET', '/me', { token: await tokenFor(personId) });
  if (me.body.consent?.privacyGuideVersion !== PRIVACY_GUIDE_VERSION) await agreeToPrivacy(p, healthData);
  await p.getByText(ready).first().waitFor();
  return p;
}

/** A Monday–Saturday at least three days ahead, when the county hospital's 全科 sits. */
function referralDay(): string {
  let d = addDays(beijingDate(new Date()), 3);
  while (weekdayOf(d) === 7) d = addDays(d, 1);
  return d;
}

test('the doctor refers a member; the member asks for a bed; the hospital accepts and discharges; the doctor sees the follow-up', async () => {
  const day = referralDay();
  // 1. The family doctor refers 孙长海 from his list of signed members.
  const doctor = await openAs(page, 'p_doc01', '随访待办和续方审核', true);
  const card = doctor.locator('.card').filter({ hasText: '孙长海' }).first();
  await buttonIn(card, '转诊预约').click();
  await doctor.getByText('为孙长海转诊预约').waitFor();
  await doctor.getByRole('radio', { name: '清河县人民医院' }).click();
  await doctor.getByRole('radio', { name: '全科' }).click();
  await doctor.getByRole('radio', { name: new RegExp(formatChineseDate(day)) }).click();
  await doctor.getByRole('radio', { name: /上午 08:00/ }).click();
  await doctor.getByLabel('转诊原因').locator('textarea').fill('慢阻肺反复发作，请上级医院评估');
  await doctor.getByRole('checkbox', { name: '需要轮椅' }).click();
  await screenshot(doctor, 'referral-1-doctor-chooses');
  expectElderFriendly(await elderReport(doctor));
  await button(doctor, '确认转诊预约').click();
  await doctor.getByText('转诊预约成功').waitFor();
  await doctor.getByText(/清河县人民医院全科/).first().waitFor();
  await screenshot(doctor, 'referral-2-doctor-confirmation');
  expectElderFriendly(await elderReport(doctor));

  // 2. The member sees the referral among the family's bookings and asks for a bed.
  const member = await openAs(page, 'p_m0006', '预约优先就医');
  await button(member, '预约优先就医').click();
  await button(member, '查看我家的预约').click();
  // 我家的预约: the page's own button (the title bar is hidden on H5, and the previous page's
  // 查看我家的预约 button matches the title's text while it slides away).
  await button(member, '需要住院床位').locator('visible=true').first().waitFor();
  await member.getByText(formatChineseDate(day), { exact: false }).locator('visible=true').first().waitFor();
  await button(member, '需要住院床位').click();
  await member.getByText('我家的床位申请').waitFor();
  await member.getByRole('radio', { name: /孙长海/ }).click();
  await member.getByRole('radio', { name: '清河县人民医院' }).click();
  await member.getByLabel('需要住院的原因').locator('textarea').fill('咳喘加重，医生建议住院治疗');
  await screenshot(member, 'admission-1-member-request');
  expectElderFriendly(await elderReport(member));
  await button(member, '提交床位申请').click();
  await member.getByText('已提交床位申请，请等待医院答复。').waitFor();
  await member.getByText('等待医院答复').first().waitFor();

  // 3. The hospital accepts the request, then writes the discharge note.
  const hosp = await openAs(page, 'p_hosp01', '打开今天的优先就医名单');
  await button(hosp, '住院床位申请').click();
  const request = hosp.locator('.card').filter({ hasText: '咳喘加重' }).first();
  await request.waitFor();
  await screenshot(hosp, 'admission-2-hospital-list');
  expectElderFriendly(await elderReport(hosp));
  await request.getByLabel('答复说明').locator('textarea').fill('呼吸内科 2 病区 8 床，今天下午入院');
  await buttonIn(request, '安排床位').click();
  await hosp.getByText('已答复，家属会收到微信通知').waitFor();
  const admitted = hosp.locator('.card').filter({ hasText: '咳喘加重' }).filter({ hasText: '已安排床位' }).first();
  await admitted.getByLabel('出院小结').locator('textarea').fill('慢阻肺急性加重，抗感染平喘治疗后好转出院，继续吸入剂');
  await screenshot(hosp, 'admission-3-hospital-discharge-form');
  expectElderFriendly(await elderReport(hosp));
  // The wheel the discharge date opens (the browser's; WeChat shows the phone's own): its figures
  // and its 取消 / 确定 are measured like the page.
  await admitted.getByRole('button', { name: /出院日期/ }).click();
  const wheel = hosp.locator('.weui-picker__hd').filter({ visible: true }).first();
  await wheel.waitFor();
  await screenshot(hosp, 'admission-3b-discharge-date-wheel');
  expectElderFriendly(await elderReport(hosp));
  await wheel.locator('.weui-picker__action').first().click();
  await wheel.waitFor({ state: 'hidden' });
  await buttonIn(admitted, '保存出院小结').click();
  await hosp.getByText('已办理出院，出院小结已转给签约家庭医生随访').waitFor();
  await screenshot(hosp, 'admission-4-hospital-discharged');

  // 4. The member sees the answer; the doctor finds the discharge in his follow-up queue.
  await member.reload();
  await member.getByText('已出院').first().waitFor();
  await member.getByText(/呼吸内科 2 病区 8 床/).first().waitFor();
  await screenshot(member, 'admission-5-member-sees-answer');
  expectElderFriendly(await elderReport(member));

  // The queue names the discharge and its note only for a member who shares health data online
  // (otherwise it says 需要当面随访): 孙长海 agrees, as he would when the doctor asks him.
  expect((await call('PUT', '/me/consent', { token: await tokenFor('p_m0006'), body: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: true } })).status).toBe(200);
  await doctor.goto(`${appUrl().replace(/\/$/, '')}/?persona=demo-openid-p_doc01`);
  await button(doctor, '随访待办和续方审核').click();
  const followUp = doctor.locator('.queue-card').filter({ hasText: '出院随访：清河县人民医院' }).filter({ hasText: '孙长海' }).first();
  await followUp.waitFor();
  await followUp.getByText(/慢阻肺急性加重/).waitFor();
  await screenshot(doctor, 'admission-6-doctor-queue');
  expectElderFriendly(await elderReport(doctor));
  await Promise.all([doctor.context().close(), member.context().close(), hosp.context().close()]);
});
