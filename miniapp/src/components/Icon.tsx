import { View } from '@tarojs/components';
import { iconData, type IconName } from './icon-data';

interface IconProps {
  name: IconName;
  size?: 'm' | 'l' | 'xl';
  className?: string;
}

/** A decorative icon in the current text colour; the words next to it carry the meaning. */
export function Icon({ name, size = 'm', className }: IconProps) {
  const mask = `url("${iconData[name]}") center / contain no-repeat`;
  return (
    <View
      className={`lx-icon${size === 'm' ? '' : ` lx-icon--${size}`}${className ? ` ${className}` : ''}`}
      style={{ WebkitMask: mask, mask }}
      aria-hidden
    />
  );
}
