export default definePageConfig({ navigationBarTitleText: '窗口接待' });
