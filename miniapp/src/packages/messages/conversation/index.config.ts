export default definePageConfig({ navigationBarTitleText: '发消息' });
