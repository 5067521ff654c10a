import Taro from '@tarojs/taro';
import { isH5 } from '../api/config';

/**
 * Reads text aloud (朗读) for users who find small print hard. H5: the browser's speechSynthesis in
 * zh-CN. WeChat: the 微信同声传译 plugin (WechatSI, declared in app.config.ts) turns each part of
 * the text into an audio file with `textToSpeech`, played one after another.
 */
export interface Reading {
  stop(): void;
}

/** WeChat's plugin loader, a global in the mini-program runtime (absent on H5). */
declare const requirePlugin: (name: string) => {
  textToSpeech(options: {
    lang: 'zh_CN';
    tts: boolean;
    content: string;
    success: (res: { retcode?: number; filename: string }) => void;
    fail: (res: unknown) => void;
  }): void;
};

/** The plugin takes at most 1000 bytes a call: about 300 Chinese characters, cut at sentence ends. */
export const SPEECH_PART_MAX = 300;

export function speechParts(text: string, max = SPEECH_PART_MAX): string[] {
  const sentences = text.match(/[^。！？；!?;\n]+[。！？；!?;\n]*/g) ?? [];
  const parts: string[] = [];
  let current = '';
  for (const s of sentences.flatMap((x) => (x.length > max ? x.match(new RegExp(`.{1,${max}}`, 'gs')) ?? [] : [x]))) {
    if ((current + s).length > max && current) {
      parts.push(current);
      current = '';
    }
    current += s;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Starts reading; `onEnd(failed)` runs once, when it finishes, fails or is stopped. */
export function readAloud(text: string, onEnd: (failed: boolean) => void): Reading {
  let done = false;
  const finish = (failed: boolean) => {
    if (done) return;
    done = true;
    onEnd(failed);
  };
  if (isH5) return readInBrowser(text, finish);
  return readInWeChat(text, finish);
}

function readInBrowser(text: string, finish: (failed: boolean) => void): Reading {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') {
    finish(true);
    return { stop() {} };
  }
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'zh-CN';
  // A little slower than the default: the listeners are mostly elderly.
  utterance.rate = 0.9;
  utterance.onend = () => finish(false);
  utterance.onerror = (e) => finish(e.error !== 'interrupted' && e.error !== 'canceled');
  synth.speak(utterance);
  return {
    stop() {
      synth.cancel();
      finish(false);
    },
  };
}

function readInWeChat(text: string, finish: (failed: boolean) => void): Reading {
  const parts = speechParts(text);
  const audio = Taro.createInnerAudioContext();
  let stopped = false;
  let next = 0;
  const end = (failed: boolean) => {
    stopped = true;
    audio.destroy();
    finish(failed);
  };
  const play = (i: number) => {
    if (stopped) return;
    if (i >= parts.length) return end(false);
    requirePlugin('WechatSI').textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content: parts[i],
      success: (res) => {
        if (stopped) return;
        if (!res.filename) return end(true);
        audio.src = res.filename;
        audio.play();
        next = i + 1;
      },
      fail: () => end(true),
    });
  };
  audio.onEnded(() => play(next));
  audio.onError(() => end(true));
  try {
    play(0);
  } catch {
    end(true);
  }
  return {
    stop() {
      if (stopped) return;
      audio.stop();
      end(false);
    },
  };
}
