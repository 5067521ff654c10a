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

/** Says what went wrong in plain words and offers the one thing to do: try again. */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="state state--error" role="alert">
      <Icon name="warning" size="xl" />
      <View className="state__text">{message}</View>
      <Btn icon="refresh" onClick={onRetry}>
        重试
      </Btn>
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
