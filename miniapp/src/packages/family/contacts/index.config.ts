export default definePageConfig({ navigationBarTitleText: '我家的联系人' });
