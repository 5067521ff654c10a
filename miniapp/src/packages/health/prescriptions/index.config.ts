export default definePageConfig({ navigationBarTitleText: '我的长处方' });
