export default definePageConfig({ navigationBarTitleText: '政策帮扶台账' });
