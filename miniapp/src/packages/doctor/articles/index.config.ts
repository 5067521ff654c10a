export default definePageConfig({ navigationBarTitleText: '发布健康知识' });
