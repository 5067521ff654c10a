export default definePageConfig({ navigationBarTitleText: '就医服务卡' });
