// Main package holds only what every user needs at start (routing, login, privacy); each feature
// lives in a subpackage so the main package stays far below WeChat's 2 MB limit as features grow.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index', 'pages/privacy/index'],
  subPackages: [
    { root: 'packages/account', pages: ['bind/index'] },
    { root: 'packages/family', pages: ['contacts/index', 'card/index', 'access-log/index', 'survey/index'] },
    { root: 'packages/staff', pages: ['families/index', 'members/index', 'hospital/index'] },
    { root: 'packages/booking', pages: ['book/index', 'confirmation/index', 'mine/index', 'referral/index', 'admission/index', 'reschedule/index'] },
    { root: 'packages/hospital', pages: ['today/index', 'admissions/index', 'schedule/index'] },
    { root: 'packages/window', pages: ['walkin/index'] },
    { root: 'packages/health', pages: ['readings/index', 'followup/index', 'prescriptions/index'] },
    { root: 'packages/doctor', pages: ['queue/index', 'member/index', 'prescribe/index', 'health-file/index', 'articles/index'] },
    { root: 'packages/signing', pages: ['index/index', 'contract/index', 'sign/index'] },
    { root: 'packages/team', pages: ['applications/index', 'coverage/index', 'teams/index', 'home-visit/index'] },
    { root: 'packages/policy', pages: ['families/index', 'ledger/index'] },
    { root: 'packages/ledger', pages: ['due/index', 'record/index'] },
    { root: 'packages/commission', pages: ['dashboard/index', 'import/index', 'articles/index'] },
    { root: 'packages/report', pages: ['index/index'] },
    { root: 'packages/requests', pages: ['family/index', 'staff/index', 'handover/index'] },
    { root: 'packages/info', pages: ['entitlements/index', 'articles/index', 'article/index'] },
    { root: 'packages/problems', pages: ['list/index', 'edit/index'] },
    { root: 'packages/people', pages: ['index/index', 'edit/index', 'assign/index'] },
    { root: 'packages/acting', pages: ['index/index'] },
    { root: 'packages/messages', pages: ['conversation/index', 'consultation/index', 'consult-new/index', 'inbox/index'] },
    { root: 'packages/institutions', pages: ['list/index', 'edit/index'] },
    { root: 'packages/lifecycle', pages: ['family/index'] },
    { root: 'packages/measures', pages: ['list/index'] },
    { root: 'packages/townships', pages: ['index/index'] },
  ],
  // 微信同声传译: its textToSpeech reads articles aloud (lib/speech.ts); H5 uses speechSynthesis.
  plugins: {
    WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' },
  },
  // Most users are family members: fetch their subpackage while the start page decides where to go.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/family'] },
  },
  window: {
    navigationBarBackgroundColor: '#0b4f8a',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '连心',
    backgroundColor: '#f3f5f7',
    backgroundTextStyle: 'dark',
  },
  // Since 2023 WeChat requires the privacy guide to be declared and agreed before privacy APIs.
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
