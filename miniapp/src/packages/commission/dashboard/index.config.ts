export default definePageConfig({ navigationBarTitleText: '覆盖情况' });
