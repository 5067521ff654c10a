import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { actedByLabel, formatChineseDate, PAPER_PHOTO_MAX_BYTES, type SignatureUploadRequest } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';

const photoTypes: Record<string, SignatureUploadRequest['contentType']> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', 'image/jpeg': 'image/jpeg', 'image/png': 'image/png' };

/** The photo's type: H5 knows the picked file's own type, WeChat only its temporary path's extension. */
function photoType(file: { path: string; type?: string; originalFileObj?: File }): SignatureUploadRequest['contentType'] | undefined {
  const declared = file.originalFileObj?.type ?? file.type;
  if (declared) return photoTypes[declared];
  return photoTypes[(file.path.split('?')[0].split('.').pop() ?? '').toLowerCase()];
}

/**
 * A member's contract the team agreed to but the member has not confirmed, for an elder without a
 * smartphone who signed the paper form: the doctor photographs the form (camera or album; a file
 * input in H5, through the same API), it goes straight to S3 through the signature's own upload
 * path, and the contract is confirmed as 纸质签约 on the family's behalf (代办).
 */
export function PaperContract({ familyId, memberId }: { familyId: string; memberId: string }) {
  const { state, reload } = useRemote(() => signingApi.contracts(familyId, memberId));
  const form = useFormSend();
  const [done, setDone] = useState<string | null>(null);
  const c = state.status === 'ready' ? state.data.current : undefined;
  if (done) return <Notice tone="ok">{done}</Notice>;
  if (!c || c.confirmation) return null;

  const take = () => {
    void (async () => {
      let chosen: Taro.chooseImage.SuccessCallbackResult;
      try {
        chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      } catch (err) {
        // Closing the camera or the album is not a failure.
        if (!(err as { errMsg?: string }).errMsg?.includes('cancel')) form.refuse({}, '没有拿到照片，请再试一次');
        return;
      }
      const file = chosen.tempFiles[0] as { path: string; size: number; type?: string; originalFileObj?: File } | undefined;
      if (!file) return;
      await form.send(async () => {
        const contentType = photoType(file);
        if (!contentType) throw new ApiFailure('http', 400, '照片只能是 JPG 或 PNG 格式');
        if (file.size > PAPER_PHOTO_MAX_BYTES) throw new ApiFailure('http', 400, '照片不能超过 5 MB，请重新拍一张');
        const ticket = await signingApi.presignSignature(familyId, memberId, c.contractId, { kind: 'paper', contentType, size: file.size });
        // Straight to S3 with the presigned POST; withCredentials off, as S3's CORS (origin *) wants.
        const res = await Taro.uploadFile({ url: ticket.url, filePath: file.path, name: 'file', formData: ticket.fields, withCredentials: false });
        if (res.statusCode < 200 || res.statusCode >= 300) throw new ApiFailure('http', res.statusCode, '照片上传没有成功，请再试一次');
        const confirmed = await signingApi.confirm(familyId, memberId, c.contractId, ticket.key, 'paper');
        const by = confirmed.confirmation?.actedBy;
        setDone('纸质签约已确认' + (by ? '，' + actedByLabel(by) : '') + '。');
        void reload(true);
      });
    })();
  };

  return (
    <View className="card">
      <View className="h3">签约等待确认</View>
      <View className="text">
        {c.teamName}，{formatChineseDate(c.startDate)} 至 {formatChineseDate(c.endDate)}
      </View>
      <View className="text soft">居民没有智能手机时，请他在纸质签约书上签字，再把签好的签约书拍照上传。</View>
      {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
      <Btn big icon="check" busy={form.busy} busyText="正在上传…" onClick={take}>
        纸质签约（拍照上传）
      </Btn>
    </View>
  );
}
