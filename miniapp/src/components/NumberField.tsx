import { Input, View } from '@tarojs/components';
import { isH5 } from '../api/config';
import { Icon } from './Icon';

/**
 * A labelled number box at the app's field size. The value stays the text the user typed (so
 * nothing is lost or reformatted while typing); the page turns it into a number on submit.
 */
export function NumberField({ id, label, hint, value, error, decimal, onInput }: { id: string; label: string; hint?: string; value: string; error?: string; decimal?: boolean; onInput: (v: string) => void }) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className="field__label" id={`${id}-label`}>
        {label}
      </View>
      {hint ? <View className="field__hint">{hint}</View> : null}
      <Input
        id={id}
        className="field__input"
        type={decimal ? 'digit' : 'number'}
        maxlength={5}
        value={value}
        aria-label={label}
        nativeProps={isH5 ? { 'aria-label': label, inputmode: decimal ? 'decimal' : 'numeric' } : undefined}
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
