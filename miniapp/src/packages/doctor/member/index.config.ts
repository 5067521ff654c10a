export default definePageConfig({ navigationBarTitleText: '居民健康档案' });
