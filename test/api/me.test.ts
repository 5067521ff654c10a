import { PRIVACY_GUIDE_VERSION, toBeijingIso } from '../../domain';
import { keys } from '../../functions/lib/db/keys';
import { call, tokenFor } from '../support/api';
import { expectApiError, getItem, ownedBy, queryPartition } from './support-table';

/**
 * Who am I, and consent (PIPL: the privacy guide, and separately the health data). Consent writes
 * change the person item, so this file uses persons no other suite touches: p_m0012 and p_m0013
 * (support-table.ts).
 */
const [person, racer] = ownedBy.me.persons;
const at = (iso: string) => ({ 'x-test-now': iso });
const consentBody = (healthData: boolean) => ({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData });
const withoutConsent = (item: Record<string, unknown> | undefined) => {
  const { consent: _consent, ...rest } = item ?? {};
  return rest;
};

describe('GET /me', () => {
  test('a member: who they are, no consent yet, in one GetItem, nothing sensitive', async () => {
    const res = await call('GET', '/me', { token: await tokenFor(person) });
    expect(res.status).toBe(200);
    expect(res.ddbRequests).toBe(1);
    expect(res.body).toEqual({ personId: person, name: '褚福生', role: 'member', familyId: 'f_0008', consent: null });
  });

  test('a contact person: level, region, organisation and title', async () => {
    const res = await call('GET', '/me', { token: await tokenFor('p_lead02') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ personId: 'p_lead02', role: 'contact', contactLevel: 'township', regionId: 't_liulin', organisation: '柳林乡人民政府', title: '乡人大主席' });
    expect(JSON.stringify(res.body)).not.toMatch(/13903110102|idNumber|Enc/);
  });
});

describe('PUT /me/consent', () => {
  const T1 = '2026-11-02T09:00:00+08:00';
  const T2 = '2026-11-03T10:30:00+08:00';

  test('agreeing to the guide and to health data is stored and GET /me returns it', async () => {
    const token = await tokenFor(person);
    const before = await getItem(keys.person(person));
    const res = await call('PUT', '/me/consent', { token, body: consentBody(true), headers: at(T1) });
    expect(res.status).toBe(200);
    // The current consent is read, then replaced and logged in one transaction.
    expect(res.headers.get('x-lianxin-ddb-operations')).toBe('GetItemCommand,TransactWriteItemsCommand');
    const expected = { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreedAt: T1, healthData: true, healthDataDecidedAt: T1 };
    expect(res.body).toEqual({ consent: expected });

    const me = await call('GET', '/me', { token });
    expect(me.body.consent).toEqual(expected);
    // Only the consent changed on the person item.
    const after = await getItem(keys.person(person));
    expect(after?.consent).toEqual(expected);
    expect(withoutConsent(after)).toEqual(withoutConsent(before));
  });

  test('declining health data is its own decision: the guide stays agreed, health data false', async () => {
    const token = await tokenFor(person);
    const res = await call('PUT', '/me/consent', { token, body: consentBody(false), headers: at(T2) });
    expect(res.status).toBe(200);
    const me = await call('GET', '/me', { token });
    expect(me.body.consent).toEqual({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreedAt: T2, healthData: false, healthDataDecidedAt: T2 });
    // Declining does not lock the member out of the rest of the app.
    expect((await call('GET', '/families/f_0008/contacts', { token })).status).toBe(200);
  });

  test('every decision is kept in the consent log; the health-data time moves only when the decision changes', async () => {
    const token = await tokenFor(person);
    const T3 = '2026-11-04T08:00:00+08:00';
    const res = await call('PUT', '/me/consent', { token, body: consentBody(false), headers: at(T3) });
    // Health data was already declined at T2: that decision keeps its time.
    expect(res.body.consent).toEqual({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreedAt: T3, healthData: false, healthDataDecidedAt: T2 });
    const log = (await queryPartition(keys.person(person).pk)).filter((i) => i.entity === 'consentLog');
    const decisions = log.map((e) => [e.at, e.healthData]);
    // The grant at T1 survives the later withdrawal.
    expect(decisions).toEqual(expect.arrayContaining([[T1, true], [T2, false], [T3, false]]));
  });

  test('an old guide version, or not agreeing, is refused and the stored consent is kept', async () => {
    const token = await tokenFor(person);
    const before = await getItem(keys.person(person));
    const old = await call('PUT', '/me/consent', { token, body: { ...consentBody(true), privacyGuideVersion: '2025-01-01' } });
    expectApiError(old, 400, 'invalid_request');
    expect(old.body.fields).toEqual({ 'body.privacyGuideVersion': '隐私保护指引已更新，请重新阅读' });
    const refuse = await call('PUT', '/me/consent', { token, body: { ...consentBody(true), agreePrivacyGuide: false } });
    expectApiError(refuse, 400, 'invalid_request');
    expect(refuse.body.fields).toEqual({ 'body.agreePrivacyGuide': '需要同意隐私保护指引才能继续使用' });
    expect(old.ddbRequests + refuse.ddbRequests).toBe(0);
    expect(await getItem(keys.person(person))).toEqual(before);
    expect((await call('GET', '/me', { token })).body.consent.healthData).toBe(false);
  });

  test('ten decisions at once: the stored consent is exactly one of them, never a mix', async () => {
    const token = await tokenFor(racer);
    const sent = Array.from({ length: 10 }, (_, i) => ({ healthData: i % 2 === 0, at: toBeijingIso(new Date(Date.UTC(2026, 10, 5, 1, i))) }));
    const results = await Promise.all(sent.map((s) => call('PUT', '/me/consent', { token, body: consentBody(s.healthData), headers: at(s.at) })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const stored = (await getItem(keys.person(racer)))?.consent;
    const match = sent.find((s) => s.at === stored.agreedAt);
    expect(match).toBeDefined();
    expect(stored).toMatchObject({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreedAt: match!.at, healthData: match!.healthData });
    // The health-data time is that of one of the decisions (the one that set the current value).
    expect(sent.map((s) => s.at)).toContain(stored.healthDataDecidedAt);
    // Every one of the ten decisions is in the log.
    const log = (await queryPartition(keys.person(racer).pk)).filter((i) => i.entity === 'consentLog');
    for (const s of sent) expect(log.some((e) => e.at === s.at && e.healthData === s.healthData)).toBe(true);
    expect((await call('GET', '/me', { token })).body.consent).toEqual(stored);
  });
});
