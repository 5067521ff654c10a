export default definePageConfig({ navigationBarTitleText: '家庭医生签约情况' });
