export default definePageConfig({ navigationBarTitleText: '政策与健康知识' });
