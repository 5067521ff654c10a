import { Input } from '@tarojs/components';
import { FormField } from './FormField';

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  /** WeChat's keyboards: `idcard` adds an X key, `number` is digits only. */
  type?: 'text' | 'digit' | 'idcard' | 'number';
  maxlength?: number;
  /** The browser's autofill hint (name, tel, off). */
  autocomplete?: string;
  onInput: (value: string) => void;
}

/** A labelled one-line text box at elderly-friendly size. */
export function TextField({ id, label, hint, value, error, type = 'text', maxlength, autocomplete, onInput }: TextFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} native={autocomplete ? { autocomplete } : undefined}>
      {(control) => <Input {...control} className="field__input" type={type} maxlength={maxlength} value={value} onInput={(e) => onInput(e.detail.value)} />}
    </FormField>
  );
}
