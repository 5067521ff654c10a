import { Textarea, View } from '@tarojs/components';
import { isH5 } from '../api/config';

interface TextAreaProps {
  label: string;
  hint?: string;
  value: string;
  maxlength: number;
  onInput: (value: string) => void;
}

/** A labelled multi-line field at elderly-friendly size; the browser's textarea gets the label too. */
export function TextArea({ label, hint, value, maxlength, onInput }: TextAreaProps) {
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      {hint ? <View className="field__hint">{hint}</View> : null}
      <Textarea className="field__input field__textarea" value={value} maxlength={maxlength} aria-label={label} nativeProps={isH5 ? { 'aria-label': label } : undefined} onInput={(e) => onInput(e.detail.value)} />
    </View>
  );
}
