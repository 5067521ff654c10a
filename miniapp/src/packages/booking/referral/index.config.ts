export default definePageConfig({ navigationBarTitleText: '转诊预约' });
