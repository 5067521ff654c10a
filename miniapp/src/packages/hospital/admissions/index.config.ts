export default definePageConfig({ navigationBarTitleText: '住院床位申请' });
