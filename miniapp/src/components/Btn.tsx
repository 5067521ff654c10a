import type { ReactNode } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import type { ButtonProps as TaroButtonProps } from '@tarojs/components';
import { pressable } from '../lib/a11y';
import { Icon } from './Icon';
import type { IconName } from './icon-data';

export interface BtnProps {
  kind?: 'primary' | 'secondary' | 'call';
  /** 72 CSS px instead of 60: for the one action a screen is about. */
  big?: boolean;
  icon?: IconName;
  /** While true the button says so and ignores taps, so a slow network cannot submit twice. */
  busy?: boolean;
  busyText?: string;
  onClick?: () => void;
  openType?: TaroButtonProps['openType'];
  onAgreePrivacyAuthorization?: TaroButtonProps['onAgreePrivacyAuthorization'];
  className?: string;
  children: ReactNode;
}

/** NutUI's Button at elderly-friendly size: at least 60 CSS px high, 20 px bold text. */
export function Btn({ kind = 'primary', big, icon, busy, busyText, onClick, openType, onAgreePrivacyAuthorization, className, children }: BtnProps) {
  const cls = ['lx-btn', `lx-btn--${kind}`, big ? 'lx-btn--big' : '', busy ? 'lx-btn--busy' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  const extra = openType ? { openType, onAgreePrivacyAuthorization } : {};
  const press = () => {
    if (!busy && onClick) onClick();
  };
  return (
    <Button
      className={cls}
      type={kind === 'secondary' ? 'default' : 'primary'}
      fill={kind === 'secondary' ? 'outline' : 'solid'}
      size="large"
      block
      aria-busy={busy || undefined}
      onClick={press}
      {...pressable(press, 'button')}
      {...extra}
    >
      {icon ? <Icon name={icon} /> : null}
      {busy ? busyText ?? '请稍候…' : children}
    </Button>
  );
}
