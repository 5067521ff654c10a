export default definePageConfig({ navigationBarTitleText: '填写随访' });
