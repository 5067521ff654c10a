// The signature pad must not scroll the page while the member draws.
export default definePageConfig({ navigationBarTitleText: '签字确认', disableScroll: true });
