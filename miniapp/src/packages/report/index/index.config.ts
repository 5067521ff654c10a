export default definePageConfig({ navigationBarTitleText: '自查报告' });
