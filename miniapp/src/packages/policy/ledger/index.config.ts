export default definePageConfig({ navigationBarTitleText: '医疗费用台账' });
