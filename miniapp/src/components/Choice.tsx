import { View } from '@tarojs/components';
import { Checkbox, Radio } from '@nutui/nutui-react-taro';
import { Icon } from './Icon';
import { useEffect, type ReactNode } from 'react';
import { dropAriaRoleAttributes, pressable } from '../lib/a11y';

interface CheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}

/**
 * NutUI's Checkbox as one row at least 60 CSS px high (app.scss `.choice`). "Checked" is a ticked
 * circle instead of an empty ring, not a colour. NutUI passes our role/aria/keyboard props through
 * to its root, so the row is the one focusable, labelled checkbox.
 */
export function CheckChoice({ checked, onChange, children }: CheckProps) {
  const toggle = () => onChange(!checked);
  useEffect(() => dropAriaRoleAttributes('.choice'));
  return (
    <Checkbox
      className={`choice${checked ? ' choice--on' : ''}`}
      icon={<Mark shape="box" on={false} />}
      activeIcon={<Mark shape="box" on />}
      checked={checked}
      onChange={onChange}
      role="checkbox"
      aria-checked={checked}
      {...pressable(toggle)}
    >
      {children}
    </Checkbox>
  );
}

/**
 * The box or ring beside a choice, drawn with views: NutUI's own marks are icon-font <i> elements,
 * which the WeChat build cannot render (Taro has no template for <i> without its HTML plugin).
 * Checked is a filled shape with a tick, unchecked an empty one: the shape changes, not only the
 * colour.
 */
function Mark({ shape, on }: { shape: 'box' | 'ring'; on: boolean }) {
  return (
    <View className={`choice__mark choice__mark--${shape}${on ? ' choice__mark--on' : ''}`} aria-hidden>
      {on ? <Icon name="check" /> : null}
    </View>
  );
}

interface RadioProps<V extends string> {
  value: V | null;
  onChange: (value: V) => void;
  /** Read out for the group, e.g. the question being answered. */
  label: string;
  options: { value: V; label: ReactNode }[];
  /**
   * What is wrong with the answer (e.g. none chosen), shown under the group in words and tied to it
   * (aria-invalid, aria-describedby), as FormField does for text boxes. Needs `id`.
   */
  error?: string;
  id?: string;
}

/**
 * NutUI's Radio.Group, one big row per option. NutUI's Radio does not pass extra props to its root
 * (and its `ariaRole` is not a DOM attribute on H5), so each option sits in a wrapper that carries
 * the radio role, the checked state and the keyboard; the wrapper has no box of its own, the tap
 * area is NutUI's row.
 */
export function RadioChoices<V extends string>({ value, onChange, label, options, error, id }: RadioProps<V>) {
  useEffect(() => dropAriaRoleAttributes('.choice'));
  const errorId = error && id ? `${id}-error` : undefined;
  return (
    <>
      <Radio.Group
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={errorId}
        className="choice-group"
        value={value ?? ''}
        onChange={(v) => onChange(v as V)}
        role="radiogroup"
        aria-label={label}
      >
        {options.map((o) => {
          const on = o.value === value;
          return (
            <View className="choice-wrap" key={o.value} role="radio" aria-checked={on} {...pressable(() => onChange(o.value))}>
              <Radio className={`choice${on ? ' choice--on' : ''}`} value={o.value} icon={<Mark shape="ring" on={false} />} activeIcon={<Mark shape="ring" on />}>
                {o.label}
              </Radio>
            </View>
          );
        })}
      </Radio.Group>
      {error ? (
        <View className="field__error" id={errorId} role="alert">
          <Icon name="warning" />
          {error}
        </View>
      ) : null}
    </>
  );
}
