export default definePageConfig({ navigationBarTitleText: '本院排班' });
