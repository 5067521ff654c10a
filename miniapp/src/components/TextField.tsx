import { Input, View } from '@tarojs/components';
import { isH5 } from '../api/config';
import { Icon } from './Icon';

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  type?: 'text' | 'digit';
  maxlength?: number;
  onInput: (value: string) => void;
}

/** A labelled input at elderly-friendly size with its error below (app.scss `.field`). */
export function TextField({ id, label, hint, value, error, type = 'text', maxlength, onInput }: TextFieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className="field__label" id={`${id}-label`}>
        {label}
      </View>
      {hint ? <View className="field__hint">{hint}</View> : null}
      <Input
        id={id}
        className="field__input"
        type={type}
        maxlength={maxlength}
        value={value}
        aria-label={label}
        // In the browser the real <input> sits inside Taro's element and needs the label itself.
        nativeProps={isH5 ? { 'aria-label': label } : undefined}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error ? (
        <View className="field__error" role="alert">
          <Icon name="warning" />
          {error}
        </View>
      ) : null}
    </View>
  );
}
