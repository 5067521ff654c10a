import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { isH5 } from '../api/config';
import { Icon } from './Icon';
import { Whole } from './Whole';

/**
 * What a control inside a FormField spreads onto itself so it is named by the label and described
 * by the hint and the error. In the browser the real <input>/<textarea> sits inside Taro's element
 * and needs these itself (nativeProps); WeChat reads aria-label from the component.
 */
export interface ControlA11y {
  id: string;
  'aria-label': string;
  nativeProps?: Record<string, string>;
}

interface FormFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Extra attributes for the browser's native control (e.g. inputmode). */
  native?: Record<string, string>;
  children: (control: ControlA11y) => ReactNode;
}

/**
 * The one frame of every form field: label, hint, the control, and the error below it, linked to
 * the control (aria-describedby, aria-invalid) and announced when it appears (role=alert). Sizes
 * live in app.scss `.field`.
 */
export function FormField({ id, label, hint, error, native, children }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const control: ControlA11y = {
    id,
    'aria-label': label,
    nativeProps: isH5
      ? { 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': 'true' } : {}), ...native }
      : undefined,
  };
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className="field__label" id={`${id}-label`}>
        {label}
      </View>
      {hint ? (
        <View className="field__hint" id={`${id}-hint`}>
          <Whole>{hint}</Whole>
        </View>
      ) : null}
      {children(control)}
      {error ? (
        <View className="field__error" id={`${id}-error`} role="alert">
          <Icon name="warning" />
          <Whole>{error}</Whole>
        </View>
      ) : null}
    </View>
  );
}
