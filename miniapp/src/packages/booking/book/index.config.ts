export default definePageConfig({ navigationBarTitleText: '预约优先就医' });
