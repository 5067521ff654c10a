/**
 * The WeChat build itself (miniapp/dist, built by `npm run build:weapp`), rendered by
 * miniprogram-simulate with WeChat's own template compiler. The network is stubbed at wx.request
 * with a fixture checked against the domain schema, so the fixture cannot drift from the contract
 * (glue in ./harness.ts).
 */
import {
  contactKindLabels,
  FamilyContactsResponse,
  PRIVACY_GUIDE_VERSION,
  Session,
  type FamilyContactsResponse as FamilyContacts,
  type Session as SessionT,
} from '../../domain';
import { API_BASE, built, byOwnText, loadPage, tap, until, type LoadedPage } from './harness';

const contacts: FamilyContacts = {
  familyId: 'f_0001',
  familyName: '王秀英家',
  villageName: '东关社区',
  townshipName: '城关镇',
  contacts: [
    {
      kind: 'village_cadre',
      personId: 'p_cadre01',
      name: '王桂兰',
      title: '社区居委会主任',
      organisation: '东关社区居委会',
      phone: '13703110201',
    },
    {
      kind: 'township_leader',
      personId: 'p_lead01',
      name: '张建华',
      title: '镇党委副书记',
      organisation: '城关镇人民政府',
      phone: '13903110101',
    },
    {
      kind: 'doctor',
      personId: 'p_doc01',
      name: '陈立新',
      title: '全科医生（团队长）',
      organisation: '城关镇卫生院',
      phone: '0311-86905120',
      team: {
        name: '城关镇卫生院家庭医生团队',
        members: [
          { name: '陈立新', role: 'gp', phone: '0311-86905120' },
          { name: '周敏', role: 'nurse', phone: '0311-86905121' },
        ],
      },
    },
  ],
  missing: [],
};

const session: SessionT = {
  token: 'test-token',
  expiresAt: new Date(Date.now() + 30 * 60 * 1000).toISOString(),
  me: {
    personId: 'p_m0001',
    name: '王秀英',
    role: 'member',
    familyId: 'f_0001',
    consent: {
      privacyGuideVersion: PRIVACY_GUIDE_VERSION,
      agreedAt: '2026-11-20T09:00:00+08:00',
      healthData: true,
      healthDataDecidedAt: '2026-11-20T09:00:00+08:00',
    },
  },
};

let page: LoadedPage;
const text = () => page.text();

beforeAll(() => {
  if (!built) return;
  // The fixtures are real contract values: if domain/ changes, this fails before anything renders.
  FamilyContactsResponse.parse(contacts);
  Session.parse(session);
  page = loadPage('packages/family/contacts/index', session, (req) =>
    req.url === `${API_BASE}/families/f_0001/contacts` ? { statusCode: 200, data: contacts } : undefined,
  );
});

const maybe = built ? test : test.skip;

test('the WeChat build exists (npm test builds it first)', () => {
  expect(built).toBe(true);
});

maybe('renders the family and each contact with the role label from domain/', async () => {
  await until(() => text().includes('王桂兰'), 'the contacts to render');
  expect(text()).toContain('王秀英家');
  for (const c of contacts.contacts) {
    expect(text()).toContain(c.name);
    expect(text()).toContain(contactKindLabels[c.kind]);
  }
  expect(text()).toContain('城关镇卫生院家庭医生团队');
  expect(text()).not.toContain('还没有安排');

  // Authenticated GETs of the family in the session only: its contacts, its conversations for
  // the unread count on the 消息 entry, its articles for the 新文章 count, and whether this
  // quarter's two survey questions are answered.
  expect(page.requests).toEqual(
    ['contacts', 'threads', 'articles', 'survey'].map((what) =>
      expect.objectContaining({ url: `${API_BASE}/families/f_0001/${what}`, method: 'GET', header: expect.objectContaining({ Authorization: 'Bearer test-token' }) }),
    ),
  );
});

maybe('tapping 打电话 on a contact calls that contact’s number', async () => {
  await until(() => text().includes('王桂兰'), 'the contacts to render');
  // Each contact card holds exactly one "打电话" button, in the order of the response.
  const callButtons = await until(() => {
    const found = byOwnText(page.root(), '打电话');
    return found.length === contacts.contacts.length ? found : undefined;
  }, 'one 打电话 button per contact');

  for (const [i, contact] of contacts.contacts.entries()) {
    const calls = page.calls.makePhoneCall;
    calls.length = 0;
    tap(callButtons[i]);
    await until(() => calls.length > 0, `wx.makePhoneCall for ${contact.name}`);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual(expect.objectContaining({ phoneNumber: contact.phone }));
  }
});

maybe('every element on the page has a WeChat template (nothing silently missing on a phone)', async () => {
  await until(() => text().includes('王桂兰'), 'the contacts to render');
  expect(page.missingTemplates).toEqual([]);
});
