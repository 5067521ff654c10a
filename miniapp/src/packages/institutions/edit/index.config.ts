export default definePageConfig({ navigationBarTitleText: '定点机构信息' });
