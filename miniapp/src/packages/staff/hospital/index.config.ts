export default definePageConfig({ navigationBarTitleText: '医院绿色通道' });
