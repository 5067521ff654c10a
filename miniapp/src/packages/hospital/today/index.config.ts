export default definePageConfig({ navigationBarTitleText: '绿色通道' });
