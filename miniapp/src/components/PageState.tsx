import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Btn } from './Btn';
import { Icon } from './Icon';

export function Loading({ text = '正在加载，请稍候…' }: { text?: string }) {
  return (
    <View className="state" role="status" aria-live="polite">
      <Icon name="refresh" size="xl" />
      <View className="state__text">{text}</View>
    </View>
  );
}

/**
 * Says what went wrong in plain words and offers the one thing to do: try again, or, when that
 * cannot help (not allowed, not found), go back to the start page.
 */
export function ErrorState({ message, onRetry, retry = true }: { message: string; onRetry: () => void; retry?: boolean }) {
  return (
    <View className="state state--error" role="alert">
      <Icon name="warning" size="xl" />
      <View className="state__text">{message}</View>
      {retry ? (
        <Btn icon="refresh" onClick={onRetry}>
          重试
        </Btn>
      ) : (
        <Btn icon="home" onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          回到首页
        </Btn>
      )}
    </View>
  );
}

export function Empty({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className="state">
      <Icon name="tips" size="xl" />
      <View className="state__text">{text}</View>
      {children}
    </View>
  );
}
