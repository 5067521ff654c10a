import Taro from '@tarojs/taro';

/** Saves a file the API sent as base64: a download on H5, WeChat's document viewer on weapp. */
export async function saveFile(data: { filename: string; mimeType: string; base64: string }) {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(data.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: data.mimeType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = data.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${data.filename}`;
  Taro.getFileSystemManager().writeFileSync(filePath, data.base64, 'base64');
  await Taro.openDocument({ filePath, showMenu: true });
}
