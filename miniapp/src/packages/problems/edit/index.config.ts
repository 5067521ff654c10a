export default definePageConfig({ navigationBarTitleText: '登记问题' });
