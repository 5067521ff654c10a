import { call, tokenFor } from '../support/api';
import { idemKey, expectIdempotent } from './idempotency-support';
import { expectApiError, operations } from './support-table';

/**
 * 帮扶清单 and articles over HTTP. Families read here: f_0001 (失独, chronic, signed, volunteer),
 * f_0004 (贫困), f_0006 (伤残, no village cadre, not signed), f_0005 and f_0007 for the feeds.
 * The articles this file publishes are its own; other suites may publish county-wide at the same
 * time, so feed assertions name this file's articles and never count the whole feed.
 */

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);
const article = (tag: string) => ({ title: `测试文章${tag}`, text: `这是一篇测试文章，编号${tag}，请按时服药。` });

describe('GET /families/{familyId}/entitlements', () => {
  test('a bereaved family with chronic conditions, signed members, elders and a volunteer', async () => {
    const res = await call('GET', '/families/f_0001/entitlements', { token: await tokenFor('p_m0001') });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ id: string; title: string; lines: string[]; calls: Array<{ name: string; role: string; phone: string }>; link?: string }>;
    expect(ids(items)).toEqual([
      'contacts',
      'doctor:p_m0001',
      'doctor:p_m0002',
      'card',
      'beds',
      'long_rx',
      'checkup',
      'comfort',
      'county:free_consult_fee',
      'county:transfer_120',
      'county:care_home_priority',
      'requests',
    ]);
    const contacts = items.find((i) => i.id === 'contacts')!;
    expect(contacts.calls.map((c) => `${c.role} ${c.name} ${c.phone}`)).toEqual(['村（社区）联系人 王桂兰 13703110201', '乡镇联系人 张建华 13903110101', '志愿者 黄丽 13603110301']);
    const doctor = items.find((i) => i.id === 'doctor:p_m0001')!;
    expect(doctor.calls[0]).toMatchObject({ role: '家庭医生', phone: expect.any(String) });
    expect(doctor.lines.join('')).toContain('基础服务包（免费）');
    const card = items.find((i) => i.id === 'card')!;
    expect(card.lines.join('')).toContain('优先挂号、优先就诊、优先转诊、优先取药、优先缴费');
    expect(card.calls.map((c) => c.role)).toContain('绿色通道');
    expect(items.find((i) => i.id === 'long_rx')!.lines.join('')).toContain('王秀英：高血压、2型糖尿病');
    // The county's settings item names whom to ask about the waived fee.
    expect(items.find((i) => i.id === 'county:free_consult_fee')!.calls).toEqual([{ name: '清河县人民医院绿色通道', role: '办理单位', phone: '0311-86907120' }]);
    // Profile and contacts, states + settings, institutions, contracts.
    expect(res.ddbRequests).toBe(4);
    expect(operations(res).sort()).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'QueryCommand']);
  });

  test('a poor family gets the double-signing item', async () => {
    const res = await call('GET', '/families/f_0004/entitlements', { token: await tokenFor('p_m0006') });
    expect(res.status).toBe(200);
    const poverty = res.body.items.find((i: { id: string }) => i.id === 'poverty');
    expect(poverty.title).toBe('健康扶贫“双签约”');
    expect(poverty.calls.map((c: { name: string }) => c.name)).toEqual(['赵永强', '张建华']);
  });

  test('a disabled family without a village cadre and nobody signed: rehab, signing, the missing contact', async () => {
    const res = await call('GET', '/families/f_0006/entitlements', { token: await tokenFor('p_m0010') });
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ id: string; lines: string[]; calls: Array<{ name: string }> }>;
    expect(ids(items)).toEqual(['contacts', 'doctor:unsigned', 'card', 'beds', 'rehab', 'county:free_consult_fee', 'county:transfer_120', 'requests']);
    expect(items[0].lines.at(-1)).toBe('您家还没有村（社区）联系人，请打电话给清河县卫健委人口家庭科安排。');
    expect(items[0].calls.map((c) => c.name)).toContain('清河县卫健委人口家庭科');
    // Nobody signed: no contracts to read.
    expect(res.ddbRequests).toBe(3);
  });

  test('another family is refused before anything is read', async () => {
    const res = await call('GET', '/families/f_0001/entitlements', { token: await tokenFor('p_m0010') });
    expectApiError(res, 403, 'forbidden');
    expect(res.ddbRequests).toBe(0);
  });
});

describe('articles', () => {
  test('county-wide: published once per key, found by a family, opened, counted once per family', async () => {
    const comm = await tokenFor('p_comm01');
    const key = idemKey('art');
    const published = await call('POST', '/articles', { token: comm, body: article('A1'), headers: { 'idempotency-key': key } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ title: '测试文章A1', audience: '全县特殊家庭', readCount: 0, byline: '清河县卫健委 郑国栋' });
    // The author (GetItem) and the transaction; the keyed request also reads its marker.
    expect(operations(published)).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    const id = published.body.articleId as string;

    const member = await tokenFor('p_m0008');
    const feed = await call('GET', '/families/f_0005/articles', { token: member });
    expect(feed.status).toBe(200);
    const entry = feed.body.items.find((i: { articleId: string }) => i.articleId === id);
    expect(entry).toMatchObject({ title: '测试文章A1', read: false, byline: '清河县卫健委 郑国栋' });
    expect(feed.body.unread).toBe(feed.body.items.filter((i: { read: boolean }) => !i.read).length);
    // Profile, signing states, three feeds (county, township, the team), read marks.
    expect(feed.ddbRequests).toBe(6);

    // Two members of the family open it at once: one count.
    const [a, b] = await Promise.all([
      call('GET', `/families/f_0005/articles/${id}`, { token: member }),
      call('GET', `/families/f_0005/articles/${id}`, { token: await tokenFor('p_m0009') }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual({ articleId: id, title: '测试文章A1', text: '这是一篇测试文章，编号A1，请按时服药。', byline: '清河县卫健委 郑国栋', publishedAt: published.body.publishedAt });
    // The article, the family's profile, the transaction (county audience: no team to look up).
    expect(operations(a)).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    const again = await call('GET', `/families/f_0005/articles/${id}`, { token: member });
    expect(again.status).toBe(200);
    expect((await call('GET', '/families/f_0005/articles', { token: member })).body.items.find((i: { articleId: string }) => i.articleId === id).read).toBe(true);

    // Another family: two.
    expect((await call('GET', `/families/f_0007/articles/${id}`, { token: await tokenFor('p_m0011') })).status).toBe(200);
    const mine = await call('GET', '/articles/mine', { token: comm });
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((i: { articleId: string }) => i.articleId === id)).toMatchObject({ readCount: 2, audience: '全县特殊家庭' });
    expect(mine.ddbRequests).toBe(1);
    // The author's list holds counts only: no family, no person.
    expect(JSON.stringify(mine.body)).not.toMatch(/f_0005|f_0007|p_m00/);
  });

  test('to one township: the county officer names it, another township does not see it', async () => {
    const res = await call('POST', '/articles', { token: await tokenFor('p_comm01'), body: { ...article('T1'), townshipId: 't_liulin' } });
    expect(res.status).toBe(201);
    expect(res.body.audience).toBe('柳林乡特殊家庭');
    const id = res.body.articleId;
    const liulin = await call('GET', '/families/f_0007/articles', { token: await tokenFor('p_m0011') });
    expect(liulin.body.items.map((i: { articleId: string }) => i.articleId)).toContain(id);
    const chengguan = await call('GET', '/families/f_0005/articles', { token: await tokenFor('p_m0008') });
    expect(chengguan.body.items.map((i: { articleId: string }) => i.articleId)).not.toContain(id);
    expectApiError(await call('GET', `/families/f_0005/articles/${id}`, { token: await tokenFor('p_m0008') }), 404, 'not_found');
  });

  test('a township officer writes to the township; a township outside the county is refused', async () => {
    const own = await call('POST', '/articles', { token: await tokenFor('p_comm02'), body: article('T2') });
    expect(own.status).toBe(201);
    expect(own.body.audience).toBe('柳林乡特殊家庭');
    const unknown = await call('POST', '/articles', { token: await tokenFor('p_comm01'), body: { ...article('T3'), townshipId: 't_nowhere' } });
    expectApiError(unknown, 400, 'invalid_request');
    expect(unknown.body.fields['body.townshipId']).toBe('这个乡镇不在您的辖区，或还没有登记特殊家庭');
    expect(operations(unknown)).not.toContain('TransactWriteItemsCommand');
  });

  test("a doctor's article reaches the team's signed members with the condition, nobody else", async () => {
    const doc = await tokenFor('p_doc01');
    const res = await call('POST', '/articles', { token: doc, body: { ...article('D1'), condition: 'hypertension' } });
    expect(res.status).toBe(201);
    expect(res.body.audience).toBe('城关镇卫生院家庭医生团队签约居民（高血压）');
    const id = res.body.articleId;
    // 吴振华 (f_0005) is signed to the team and has high blood pressure.
    const f5 = await call('GET', '/families/f_0005/articles', { token: await tokenFor('p_m0008') });
    expect(f5.body.items.map((i: { articleId: string }) => i.articleId)).toContain(id);
    const opened = await call('GET', `/families/f_0005/articles/${id}`, { token: await tokenFor('p_m0008') });
    expect(opened.status).toBe(200);
    // A team audience also reads the members' signing states.
    expect(operations(opened)).toEqual(['GetItemCommand', 'GetItemCommand', 'BatchGetItemCommand', 'TransactWriteItemsCommand']);
    // 冯建国 (f_0006) is in the team's villages but not signed; 陈玉梅 (f_0007) is another team's.
    for (const [familyId, person] of [['f_0006', 'p_m0010'], ['f_0007', 'p_m0011']]) {
      const token = await tokenFor(person);
      expect((await call('GET', `/families/${familyId}/articles`, { token })).body.items.map((i: { articleId: string }) => i.articleId)).not.toContain(id);
      expectApiError(await call('GET', `/families/${familyId}/articles/${id}`, { token }), 404, 'not_found');
    }
  });

  test('the demo county\'s two articles are in their authors\' own lists, as the publish route made them', async () => {
    const mine = async (personId: string, articleId: string) =>
      (await call('GET', '/articles/mine', { token: await tokenFor(personId) })).body.items.find((i: { articleId: string }) => i.articleId === articleId);
    expect(await mine('p_comm01', 'ar_seedcounty0001')).toMatchObject({ title: '就医绿色通道怎么用', byline: '清河县卫健委 郑国栋', audience: '全县特殊家庭' });
    expect(await mine('p_doc01', 'ar_seedteam000001')).toMatchObject({ title: '冬季高血压要注意什么', byline: '城关镇卫生院 陈立新', audience: '城关镇卫生院家庭医生团队签约居民（高血压）' });
  });

  test("a doctor may not name another team", async () => {
    const res = await call('POST', '/articles', { token: await tokenFor('p_doc01'), body: { ...article('D2'), teamId: 'tm_liulin' } });
    expectApiError(res, 403, 'forbidden');
    expect(operations(res)).not.toContain('TransactWriteItemsCommand');
  });

  test('a retried publish is answered from its key', async () => {
    const token = await tokenFor('p_comm01');
    await expectIdempotent({
      route: 'articles.publish',
      status: 201,
      send: (key) => call('POST', '/articles', { token, body: article('I1'), headers: { 'idempotency-key': key } }),
      other: (key) => call('POST', '/articles', { token, body: article('I2'), headers: { 'idempotency-key': key } }),
    });
  });
});
