import { useEffect, useRef, useState } from 'react';
import Taro, { useReady, useRouter } from '@tarojs/taro';
import { Canvas, View } from '@tarojs/components';
import { ApiFailure } from '../../../api/errors';
import { isH5 } from '../../../api/config';
import { signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { flash } from '../../../lib/flash';
import './index.scss';

interface Pad {
  canvas: { width: number; height: number; getContext(type: '2d'): CanvasRenderingContext2D | null; toDataURL?: (type: string) => string; getBoundingClientRect?: () => DOMRect };
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
}

// weapp gives x/y relative to the canvas; H5 gives a DOM Touch with client coordinates.
type TouchLike = { x?: number; y?: number; clientX?: number; clientY?: number };

/**
 * The member's confirmation: a signature drawn with a finger on a Canvas 2D (a real <canvas> on
 * H5), exported as PNG, uploaded straight to S3 and confirmed with its key and the time. The strokes stay on the pad until the member
 * clears them or the upload succeeds, so a failed upload loses nothing.
 */
export default function SignPage() {
  const { params } = useRouter();
  const pad = useRef<Pad | null>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);
  const { busy, failure: error, refuse, send } = useFormSend();
  const setError = (message: string) => refuse({}, message);

  const paintBackground = () => {
    const p = pad.current;
    if (!p) return;
    p.ctx.fillStyle = '#ffffff';
    p.ctx.fillRect(0, 0, p.width, p.height);
    p.ctx.strokeStyle = '#1a1a1a';
    p.ctx.lineWidth = 4;
    p.ctx.lineCap = 'round';
    p.ctx.lineJoin = 'round';
  };

  const setUp = (canvas: Pad['canvas'], width: number, height: number) => {
    // Twice the CSS size at most: sharp enough, and the PNG stays small.
    const ratio = Math.min(Taro.getSystemInfoSync().pixelRatio || 1, 2);
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      setError('签字区域没有准备好，请返回后再试');
      return;
    }
    ctx.scale(ratio, ratio);
    pad.current = { canvas, ctx, width, height };
    paintBackground();
  };

  useReady(() => {
    if (isH5) {
      // Taro's H5 canvas is a real <canvas> inside its element; wait until it is laid out.
      const find = (tries: number) => {
        const canvas = document.querySelector<HTMLCanvasElement>('#sign-pad canvas');
        const rect = canvas?.getBoundingClientRect();
        if (canvas && rect && rect.width > 0) {
          setUp(canvas, rect.width, rect.height);
          listenInBrowser(canvas);
          // Marks the pad as listening: strokes made before this would be lost.
          canvas.dataset.ready = 'true';
        }
        else if (tries > 0) setTimeout(() => find(tries - 1), 100);
        else setError('签字区域没有准备好，请返回后再试');
      };
      find(30);
      return;
    }
    Taro.createSelectorQuery()
      .select('#sign-pad')
      .fields({ node: true, size: true }, (res) => {
        const canvas = (res as { node?: Pad['canvas'] } | null)?.node;
        const size = res as { width?: number; height?: number } | null;
        if (canvas && size?.width && size.height) setUp(canvas, size.width, size.height);
        else setError('签字区域没有准备好，请返回后再试');
      })
      .exec();
  });
  useEffect(() => () => void (pad.current = null), []);

  const point = (t: TouchLike) => {
    if (t.x !== undefined && t.y !== undefined) return { x: t.x, y: t.y };
    const rect = pad.current?.canvas.getBoundingClientRect?.();
    return { x: (t.clientX ?? 0) - (rect?.left ?? 0), y: (t.clientY ?? 0) - (rect?.top ?? 0) };
  };
  const start = (e: { touches: TouchLike[] }) => {
    if (!pad.current || !e.touches[0]) return;
    last.current = point(e.touches[0]);
  };
  const move = (e: { touches: TouchLike[] }) => {
    const p = pad.current;
    if (!p || !last.current || !e.touches[0]) return;
    const next = point(e.touches[0]);
    p.ctx.beginPath();
    p.ctx.moveTo(last.current.x, last.current.y);
    p.ctx.lineTo(next.x, next.y);
    p.ctx.stroke();
    last.current = next;
    if (!drawn) setDrawn(true);
  };
  const end = () => {
    last.current = null;
  };
  // In the browser the pad listens on the <canvas> itself (finger or mouse), so drawing does not
  // depend on how Taro forwards touch events from its canvas element.
  const listenInBrowser = (canvas: HTMLCanvasElement) => {
    const touches = (e: TouchEvent) => ({ touches: Array.from(e.touches) as TouchLike[] });
    const mouse = (e: MouseEvent) => ({ touches: e.buttons ? [{ clientX: e.clientX, clientY: e.clientY }] : [] });
    const stop = (e: Event) => e.preventDefault();
    canvas.addEventListener('touchstart', (e) => (stop(e), start(touches(e))), { passive: false });
    canvas.addEventListener('touchmove', (e) => (stop(e), move(touches(e))), { passive: false });
    canvas.addEventListener('touchend', end);
    canvas.addEventListener('touchcancel', end);
    canvas.addEventListener('mousedown', (e) => start(mouse(e)));
    canvas.addEventListener('mousemove', (e) => move(mouse(e)));
    canvas.addEventListener('mouseup', end);
    canvas.addEventListener('mouseleave', end);
  };

  const clear = () => {
    paintBackground();
    setDrawn(false);
  };

  /** The pad as a PNG file the uploader can send: a blob URL on H5, a temp file on weapp. */
  const exportPng = async (): Promise<{ path: string; size: number }> => {
    const p = pad.current!;
    if (isH5) {
      const blob = await new Promise<Blob | null>((resolve) => (p.canvas as unknown as HTMLCanvasElement).toBlob(resolve, 'image/png'));
      if (!blob) throw new ApiFailure('http', 400, '签名没有保存下来，请再试一次');
      return { path: URL.createObjectURL(blob), size: blob.size };
    }
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: p.canvas as unknown as Taro.Canvas, fileType: 'png' });
    const bytes = Taro.getFileSystemManager().readFileSync(tempFilePath) as ArrayBuffer;
    return { path: tempFilePath, size: bytes.byteLength };
  };

  const submit = async () => {
    await send(async () => {
      // A doctor's phone on a home visit names the family; a member signs for their own family.
      const familyId = params.familyId ?? (await requireMe()).familyId;
      const { memberId, contractId } = params;
      if (!familyId || !memberId || !contractId) throw new ApiFailure('http', 404, '没有找到要签字的签约');
      const file = await exportPng();
      const ticket = await signingApi.presignSignature(familyId, memberId, contractId, { contentType: 'image/png', size: file.size });
      // Straight to S3 with the presigned POST; withCredentials off, as S3's CORS (origin *) wants.
      const res = await Taro.uploadFile({ url: ticket.url, filePath: file.path, name: 'file', formData: ticket.fields, withCredentials: false });
      if (res.statusCode < 200 || res.statusCode >= 300) throw new ApiFailure('http', res.statusCode, '签名上传没有成功，请再试一次');
      await signingApi.confirm(familyId, memberId, contractId, ticket.key);
      flash('签字已保存');
      Taro.navigateBack();
    });
  };

  return (
    <View className="page">
      <View className="h1">请在下面框里签名</View>
      <View className="text">用手指写下您的名字，表示同意这份家庭医生签约。</View>
      <Canvas
        type="2d"
        id="sign-pad"
        className="sign-pad"
        aria-label="签字区域，用手指在这里写名字"
        onTouchStart={isH5 ? undefined : start}
        onTouchMove={isH5 ? undefined : move}
        onTouchEnd={isH5 ? undefined : end}
        onTouchCancel={isH5 ? undefined : end}
        disableScroll
      />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {!drawn ? <View className="text soft">还没有签名。</View> : null}
      <View className="stack">
        <Btn big busy={busy} busyText="正在保存…" onClick={() => (drawn ? void submit() : setError('请先在框里签名'))}>
          确认签字
        </Btn>
        <Btn kind="secondary" onClick={clear}>
          清除重写
        </Btn>
      </View>
    </View>
  );
}
