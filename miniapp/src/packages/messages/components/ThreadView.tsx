import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { beijingWhen, MESSAGE_MAX_CHARS, type MessageView, type NotificationTemplate, type SendMessageRequest, type ThreadSummary } from '@domain';
import { isH5 } from '../../../api/config';
import { messagingApi, randomId, type ThreadRef } from '../../../api/messaging';
import { Btn } from '../../../components/Btn';
import { ErrorState, Loading } from '../../../components/PageState';
import { Notice } from '../../../components/Notice';
import { TextArea } from '../../../components/TextArea';
import { useFormSend } from '../../../lib/form';
import { handleFailure } from '../../../lib/remote';
import { requestSubscriptions } from '../../../lib/subscriptions';
import { uploadFile } from './upload';

/**
 * One thread (a conversation or a consultation): messages oldest to newest with the newest at the
 * bottom, "earlier messages" on request (30 a page), and while the page is on screen a poll every
 * 5 seconds for what is new since the newest message shown (the cursor), after which the other
 * side's messages are marked read. Message text is shown as text, never as markup. What the user
 * typed stays in the box until it has been sent.
 */
const POLL_MS = 5000;

export interface ThreadViewProps {
  thread: ThreadRef;
  side: 'family' | 'staff';
  /** Templates to ask the user to subscribe to when they send (inside the tap). */
  subscribe: NotificationTemplate[];
  /** Extra fields of a send (a doctor's follow-up item, booking link), and a way to clear them. */
  extras?: () => Partial<SendMessageRequest>;
  onSent?: () => void;
  /** Set when the thread takes no more messages (a closed consultation). */
  closedNotice?: string;
}


export function ThreadView({ thread, side, subscribe, extras, onSent, closedNotice }: ThreadViewProps) {
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [summary, setSummary] = useState<ThreadSummary | undefined>();
  const [older, setOlder] = useState<string | undefined>();
  const [olderFailure, setOlderFailure] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');
  const [draft, setDraft] = useState('');
  const outbox = useFormSend();
  const sending = outbox.busy;
  const sendError = outbox.failure;
  const setSendError = (message: string) => outbox.refuse({}, message);
  const [recording, setRecording] = useState(false);
  const newest = useRef<string | undefined>();
  const timer = useRef<ReturnType<typeof setInterval> | undefined>();
  const pendingKey = useRef<string | null>(null);

  const merge = useCallback((incoming: MessageView[], atTop = false) => {
    setMessages((prev) => {
      const seen = new Set(prev.map((m) => m.id));
      const fresh = incoming.filter((m) => !seen.has(m.id));
      const all = atTop ? [...fresh, ...prev] : [...prev, ...fresh];
      all.sort((a, b) => (a.id < b.id ? -1 : 1));
      newest.current = all[all.length - 1]?.id;
      return all;
    });
  }, []);

  const markRead = useCallback(() => {
    void messagingApi.read(thread).catch(() => undefined);
  }, [thread]);

  const load = useCallback(async () => {
    setState('loading');
    try {
      const page = await messagingApi.page(thread);
      setMessages([]);
      merge([...page.messages].reverse());
      setSummary(page.thread);
      setOlder(page.nextCursor);
      setState('ready');
      if (page.thread?.unread) markRead();
    } catch (err) {
      setState({ error: handleFailure(err) });
    }
  }, [thread, merge, markRead]);

  const poll = useCallback(async () => {
    if (!newest.current) return;
    try {
      const page = await messagingApi.page(thread, { since: newest.current });
      if (page.thread) setSummary(page.thread);
      if (page.messages.length) {
        merge(page.messages);
        if (page.messages.some((m) => m.senderSide !== side)) markRead();
      }
    } catch {
      // A missed poll is made up by the next one.
    }
  }, [thread, merge, side, markRead]);

  const startPolling = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = setInterval(() => void poll(), POLL_MS);
  }, [poll]);
  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = undefined;
  };

  useEffect(() => {
    void load();
    return stopPolling;
  }, [load]);
  useEffect(() => {
    if (state === 'ready') startPolling();
  }, [state, startPolling]);
  useDidShow(() => {
    if (state === 'ready') {
      void poll();
      startPolling();
    }
  });
  useDidHide(stopPolling);

  const loadOlder = async () => {
    if (!older) return;
    setOlderFailure(null);
    try {
      const page = await messagingApi.page(thread, { cursor: older });
      merge(page.messages, true);
      setOlder(page.nextCursor);
    } catch (err) {
      setOlderFailure(handleFailure(err));
    }
  };

  /** Sends one message; photos and voice are uploaded first, inside the same sending state. */
  const send = (body: () => Promise<SendMessageRequest>) =>
    outbox.send(async () => {
      const ready = await body();
      // One key per message the user means to send: a retry after a lost answer stores it once.
      pendingKey.current ??= randomId();
      const res = await messagingApi.send(thread, { ...ready, ...extras?.() }, pendingKey.current);
      pendingKey.current = null;
      merge([res.message]);
      onSent?.();
    });

  const sendText = () => {
    // Asked first, inside the tap: WeChat shows the request only there.
    void requestSubscriptions(subscribe);
    if (!draft.trim()) {
      setSendError('请先输入要说的话');
      return;
    }
    if ([...draft].length > MESSAGE_MAX_CHARS) {
      setSendError(`一条消息最多 ${MESSAGE_MAX_CHARS} 个字，请分几条发送`);
      return;
    }
    void send(async () => ({ text: draft })).then((ok) => ok && setDraft(''));
  };

  const sendPhotos = () => {
    void requestSubscriptions(subscribe);
    void (async () => {
      let chosen: Taro.chooseImage.SuccessCallbackResult;
      try {
        chosen = await Taro.chooseImage({ count: 9, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      } catch (err) {
        // Closing the photo picker is not a failure.
        if (!(err as { errMsg?: string }).errMsg?.includes('cancel')) setSendError(handleFailure(err));
        return;
      }
      const files = chosen.tempFiles.map((f) => ({ path: f.path, size: f.size, type: (f as { type?: string; originalFileObj?: File }).originalFileObj?.type ?? (f as { type?: string }).type }));
      await send(async () => ({ attachments: await Promise.all(files.map((f) => uploadFile(thread, f))) }));
    })();
  };

  const recorder = useRef<Taro.RecorderManager | null>(null);
  const startVoice = () => {
    void requestSubscriptions(subscribe);
    const rec = (recorder.current ??= Taro.getRecorderManager());
    rec.onStop((res) => {
      setRecording(false);
      if (res.duration < 1000) {
        setSendError('说话时间太短，请按住按钮说话');
        return;
      }
      void send(async () => ({ attachments: [await uploadFile(thread, { path: res.tempFilePath, size: res.fileSize }, Math.min(res.duration, 60_000))] }));
    });
    rec.start({ duration: 60_000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 });
    setRecording(true);
  };
  const stopVoice = () => recorder.current?.stop();

  const play = (url: string) => {
    const audio = Taro.createInnerAudioContext();
    audio.src = url;
    audio.play();
  };

  if (state === 'loading') return <Loading />;
  if (typeof state === 'object') return <ErrorState message={state.error} onRetry={() => void load()} />;

  const otherRead = side === 'family' ? summary?.readUpTo.staff : summary?.readUpTo.family;
  const nameOf = (m: MessageView) => summary?.participants[m.senderId] ?? (m.senderSide === 'family' ? '家属' : '工作人员');

  return (
    <View className="thread">
      {olderFailure ? <Notice tone="error">{olderFailure}</Notice> : null}
      {older ? (
        <Btn kind="secondary" onClick={() => void loadOlder()}>
          查看更早的消息
        </Btn>
      ) : null}
      {messages.length === 0 ? <View className="card text">还没有消息。有什么事，写在下面发出去就可以。</View> : null}
      {messages.map((m) => {
        const mine = m.senderSide === side;
        return (
          <View className={`bubble${mine ? ' bubble--mine' : ''}`} key={m.id} data-message-id={m.id}>
            <View className="bubble__meta">
              {mine ? '我' : nameOf(m)} · {beijingWhen(m.at)}
            </View>
            {m.text !== undefined ? <Text className="bubble__text" userSelect>{m.text}</Text> : null}
            {m.attachments.map((a, i) =>
              a.kind === 'image' ? (
                <Image
                  key={a.url}
                  className="bubble__image"
                  src={a.url}
                  mode="widthFix"
                  aria-label={`图片 ${i + 1}`}
                  // H5 passes nativeProps to the real <img>, which needs its own text.
                  nativeProps={isH5 ? { alt: `${nameOf(m)}发来的图片 ${i + 1}` } : undefined}
                  onClick={() => Taro.previewImage({ urls: m.attachments.filter((x) => x.kind === 'image').map((x) => x.url), current: a.url })}
                />
              ) : (
                <Btn key={a.url} kind="secondary" onClick={() => play(a.url)}>
                  播放语音 {Math.round((a.durationMs ?? 0) / 1000)} 秒
                </Btn>
              ),
            )}
            {m.link ? (
              <Btn kind="secondary" onClick={() => Taro.navigateTo({ url: `/${m.link!.page}` })}>
                {m.link.label}
              </Btn>
            ) : null}
            {m.followUpId ? <View className="text soft">已转为随访事项</View> : null}
            {mine ? <View className="bubble__state">{otherRead && m.id <= otherRead ? '对方已读' : '已送达'}</View> : null}
          </View>
        );
      })}

      {closedNotice ? (
        <Notice tone="info">
          <View className="text">{closedNotice}</View>
        </Notice>
      ) : (
        <View className="composer card">
          <TextArea id="composer" label="写消息" value={draft} maxlength={MESSAGE_MAX_CHARS} onInput={setDraft} />
          {sendError ? (
            <View className="field__error" role="alert">
              {sendError}
            </View>
          ) : null}
          <View className="stack mt">
            <Btn big icon="check" busy={sending} busyText="正在发送…" onClick={sendText}>
              发送
            </Btn>
            <Btn kind="secondary" onClick={sendPhotos}>
              发图片
            </Btn>
            {isH5 ? null : (
              <View className="btn-wrap" onTouchStart={startVoice} onTouchEnd={stopVoice}>
                <Btn kind="secondary">{recording ? '松开 发送语音' : '按住 说话（最长 60 秒）'}</Btn>
              </View>
            )}
          </View>
        </View>
      )}
    </View>
  );
}
