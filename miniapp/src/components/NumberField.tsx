import { Input } from '@tarojs/components';
import { FormField } from './FormField';

/**
 * A labelled number box at the app's field size. The value stays the text the user typed (so
 * nothing is lost or reformatted while typing); the page turns it into a number on submit.
 */
export function NumberField({ id, label, hint, value, error, decimal, maxlength = 5, onInput }: { id: string; label: string; hint?: string; value: string; error?: string; decimal?: boolean; maxlength?: number; onInput: (v: string) => void }) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} native={{ inputmode: decimal ? 'decimal' : 'numeric' }}>
      {(control) => <Input {...control} className="field__input" type={decimal ? 'digit' : 'number'} maxlength={maxlength} value={value} onInput={(e) => onInput(e.detail.value)} />}
    </FormField>
  );
}
