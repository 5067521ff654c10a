export default definePageConfig({ navigationBarTitleText: '申请住院床位' });
