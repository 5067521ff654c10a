export default definePageConfig({ navigationBarTitleText: '本县帮扶措施' });
