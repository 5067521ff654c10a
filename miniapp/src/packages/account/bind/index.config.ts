export default definePageConfig({ navigationBarTitleText: '核对身份' });
