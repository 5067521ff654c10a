/**
 * The article page of the WeChat build reads aloud through the 微信同声传译 plugin: 朗读 asks the
 * plugin's textToSpeech for zh_CN speech of the title and text, plays the file it gives, and the
 * button turns into 停止朗读 until the audio ends. The plugin and the audio player are stubbed at
 * the WeChat globals (the simulator has neither); the article comes from a fixture checked
 * against the domain schema.
 */
import { ArticleView, PRIVACY_GUIDE_VERSION, Session, type ArticleView as ArticleViewT, type Session as SessionT } from '../../domain';
import { API_BASE, built, byOwnText, loadPage, tap, until, type LoadedPage } from './harness';

const article: ArticleViewT = {
  articleId: 'ar_seedcounty0001',
  title: '就医绿色通道怎么用',
  text: '到县人民医院看病，请带上就医服务卡。到绿色通道窗口出示服务卡，就可以优先挂号。',
  byline: '清河县卫健委 郑国栋',
  publishedAt: '2026-12-04T09:00:00+08:00',
};

const session: SessionT = {
  token: 'test-token',
  expiresAt: new Date(Date.now() + 30 * 60 * 1000).toISOString(),
  me: {
    personId: 'p_m0001',
    name: '王秀英',
    role: 'member',
    familyId: 'f_0001',
    consent: { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreedAt: '2026-11-20T09:00:00+08:00', healthData: true, healthDataDecidedAt: '2026-11-20T09:00:00+08:00' },
  },
};

/* eslint-disable @typescript-eslint/no-explicit-any -- the WeChat globals are untyped JavaScript */
const g = global as any;
const spoken: Array<{ lang: string; content: string }> = [];
let ended: (() => void) | undefined;
const played: string[] = [];

let page: LoadedPage;
const maybe = built ? test : test.skip;

beforeAll(() => {
  if (!built) return;
  ArticleView.parse(article);
  Session.parse(session);
  page = loadPage('packages/info/article/index', session, (req) => (req.url === `${API_BASE}/families/f_0001/articles/${article.articleId}` ? { statusCode: 200, data: article } : undefined), { id: article.articleId });
  g.requirePlugin = (name: string) => {
    if (name !== 'WechatSI') throw new Error(`unexpected plugin ${name}`);
    return {
      textToSpeech: (o: any) => {
        spoken.push({ lang: o.lang, content: o.content });
        setTimeout(() => o.success({ retcode: 0, filename: `wxfile://tts-${spoken.length}.mp3` }), 0);
      },
    };
  };
  g.wx.createInnerAudioContext = () => {
    const audio: any = {
      src: '',
      play: () => played.push(audio.src),
      stop: () => undefined,
      destroy: () => undefined,
      onEnded: (cb: () => void) => (ended = cb),
      onError: () => undefined,
    };
    return audio;
  };
});

maybe('朗读 asks the plugin for zh_CN speech, plays it, and offers 停止朗读 until it ends', async () => {
  await until(() => page.text().includes('优先挂号'), 'the article to render');
  tap(byOwnText(page.root(), '朗读')[0]);
  await until(() => played.length === 1, 'the audio to play');
  expect(spoken).toEqual([{ lang: 'zh_CN', content: `${article.title}。${article.text}` }]);
  expect(played).toEqual(['wxfile://tts-1.mp3']);
  await until(() => byOwnText(page.root(), '停止朗读').length === 1, 'the button to offer 停止朗读');
  ended?.();
  await until(() => byOwnText(page.root(), '朗读').length === 1, 'the button to offer 朗读 again');
  expect(page.missingTemplates).toEqual([]);
});
