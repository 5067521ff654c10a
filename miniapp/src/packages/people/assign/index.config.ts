export default definePageConfig({ navigationBarTitleText: '安排联系人' });
