export default definePageConfig({ navigationBarTitleText: '签约申请与续约' });
