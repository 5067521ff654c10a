import Taro from '@tarojs/taro';

/** Opens the phone's dialler. Cancelling there is not an error worth telling anyone about. */
export async function callPhone(phoneNumber: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber });
  } catch {
    // The user closed the dialler.
  }
}
