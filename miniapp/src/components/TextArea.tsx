import { Textarea, View } from '@tarojs/components';
import { FormField } from './FormField';

interface TextAreaProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  maxlength: number;
  onInput: (value: string) => void;
}

/**
 * A labelled multi-line box at elderly-friendly size, with how much of the limit is used below it
 * (outside the box, so typed text can never cover it).
 */
export function TextArea({ id, label, hint, value, error, maxlength, onInput }: TextAreaProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <Textarea {...control} className="field__input field__textarea" value={value} maxlength={maxlength} onInput={(e) => onInput(e.detail.value)} />
          <View className="field__count" aria-hidden>
            {value.length}/{maxlength} 字
          </View>
        </>
      )}
    </FormField>
  );
}
