export default definePageConfig({ navigationBarTitleText: '我联系的家庭' });
