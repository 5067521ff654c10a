import { useRef, useState } from 'react';
import { useDidHide, useRouter, useUnload } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ApiFailure } from '../../../api/errors';
import { informationApi } from '../../../api/information';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { readAloud, type Reading } from '../../../lib/speech';
import '../info.scss';
import { Whole } from '../../../components/Whole';

/** One article in large print, with one big 朗读 button that turns into 停止朗读 while it reads. */
export default function Article() {
  const { params } = useRouter();
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.familyId || !params.id) throw new ApiFailure('http', 404, '没有找到这篇文章');
    return informationApi.article(me.familyId, params.id);
  });
  const reading = useRef<Reading | null>(null);
  const [speaking, setSpeaking] = useState(false);
  const [failed, setFailed] = useState(false);

  const stop = () => {
    reading.current?.stop();
    reading.current = null;
  };
  // Leaving the page stops the voice: it must not read on over another page.
  useDidHide(stop);
  useUnload(stop);

  const toggle = (text: string) => {
    if (speaking) return stop();
    setFailed(false);
    setSpeaking(true);
    reading.current = readAloud(text, (didFail) => {
      reading.current = null;
      setSpeaking(false);
      setFailed(didFail);
    });
  };

  return (
    <View className="page">
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="h1">{state.data.title}</View>
          <View className="text soft">{state.data.byline}</View>
          <View className="text soft mb">
            <Whole>{formatDateTime(state.data.publishedAt)}</Whole>
          </View>
          <Btn big kind={speaking ? 'secondary' : 'primary'} icon={speaking ? 'close' : 'tips'} onClick={() => toggle(`${state.data.title}。${state.data.text}`)}>
            {speaking ? '停止朗读' : '朗读'}
          </Btn>
          {failed ? (
            <View className="mt">
              <Notice tone="error">这台手机暂时不能朗读，请稍后再试，或请家人帮忙读一读。</Notice>
            </View>
          ) : null}
          <View className="article__text">{state.data.text}</View>
        </View>
      ) : null}
    </View>
  );
}
