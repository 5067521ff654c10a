export default definePageConfig({ navigationBarTitleText: '联系待办' });
