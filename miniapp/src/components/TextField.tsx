import { Input } from '@tarojs/components';
import { FormField } from './FormField';

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

/** A labelled one-line text box at elderly-friendly size. */
export function TextField({ id, label, hint, value, error, type = 'text', maxlength, onInput }: TextFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => <Input {...control} className="field__input" type={type} maxlength={maxlength} value={value} onInput={(e) => onInput(e.detail.value)} />}
    </FormField>
  );
}
