export default definePageConfig({ navigationBarTitleText: '交接联系人' });
