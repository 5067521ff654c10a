import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Icon } from './Icon';
import type { IconName } from './icon-data';
import { useFlash } from '../lib/flash';

const defaultIcons: Record<NoticeProps['tone'], IconName> = {
  warning: 'warning',
  error: 'warning',
  info: 'tips',
  ok: 'check',
};

interface NoticeProps {
  tone: 'warning' | 'error' | 'info' | 'ok';
  icon?: IconName;
  children: ReactNode;
}

/**
 * A boxed message; the icon and the wording carry the meaning, the colour only supports them.
 * Kept hand-made rather than NutUI's NoticeBar: NoticeBar is a one-line strip that scrolls long
 * text sideways (or cuts it with an ellipsis) and is built for short promotional lines. Our notices
 * are several sentences with headings and buttons inside, which must stay still and wrap.
 */
export function Notice({ tone, icon, children }: NoticeProps) {
  return (
    <View className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <Icon name={icon ?? defaultIcons[tone]} size="l" />
      <View className="notice__body">{children}</View>
    </View>
  );
}

/**
 * The page's confirmation of what was just done (lib/flash.ts), at the top of the page. Announced
 * politely to screen readers; nothing at all while there is nothing to confirm.
 */
export function FlashNotice() {
  const shown = useFlash();
  return (
    <View role="status" aria-live="polite">
      {shown ? (
        <Notice tone={shown.tone}>
          <View className="text-lg strong">{shown.message}</View>
        </Notice>
      ) : null}
    </View>
  );
}
