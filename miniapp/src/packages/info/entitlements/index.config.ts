export default definePageConfig({ navigationBarTitleText: '我能享受的帮扶' });
