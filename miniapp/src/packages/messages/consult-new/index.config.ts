export default definePageConfig({ navigationBarTitleText: '在线咨询家庭医生' });
