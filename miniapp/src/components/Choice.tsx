import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pressable } from '../lib/a11y';
import { Icon } from './Icon';

interface ChoiceProps {
  checked: boolean;
  /** 'checkbox' draws a square, 'radio' a circle; either way the whole row is one big target. */
  kind: 'checkbox' | 'radio';
  onChange: (checked: boolean) => void;
  children: ReactNode;
}

/** A checkbox or radio row at least 60 CSS px high; "checked" is shown by a tick, not colour. */
export function Choice({ checked, kind, onChange, children }: ChoiceProps) {
  const toggle = () => onChange(kind === 'radio' ? true : !checked);
  return (
    <View
      className={`choice${checked ? ' choice--on' : ''}`}
      role={kind}
      aria-checked={checked}
      onClick={toggle}
      {...pressable(toggle)}
    >
      <View className={`choice__box${kind === 'radio' ? ' choice__box--round' : ''}`}>
        {checked ? <Icon name="check" size="l" /> : null}
      </View>
      <View className="choice__label">{children}</View>
    </View>
  );
}
