export default definePageConfig({ navigationBarTitleText: '本县乡镇' });
