export default definePageConfig({ navigationBarTitleText: '开长处方' });
