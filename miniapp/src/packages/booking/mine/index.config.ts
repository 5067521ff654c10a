export default definePageConfig({ navigationBarTitleText: '我家的预约' });
