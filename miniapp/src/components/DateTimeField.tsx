import { Picker, View } from '@tarojs/components';
import { formatChineseDate, weekdayLabels, weekdayOf } from '@domain';
import { isH5 } from '../api/config';
import { FormField } from './FormField';

interface PickedFieldProps {
  id: string;
  label: string;
  hint?: string;
  /** YYYY-MM-DD for a date, HH:mm for a time; '' when nothing is chosen yet. */
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/** 2026年11月20日 周五: the weekday helps people check they picked the right day. */
export function readableDate(isoDate: string): string {
  return `${formatChineseDate(isoDate)} ${weekdayLabels[weekdayOf(isoDate)]}`;
}

/** 14:30 as people say it: 下午 2:30. */
export function readableTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const part = h < 6 ? '凌晨' : h < 12 ? '上午' : h < 13 ? '中午' : h < 18 ? '下午' : '晚上';
  return `${part} ${h > 12 ? h - 12 : h}:${String(m).padStart(2, '0')}`;
}

/**
 * A field whose value is chosen on the phone's own wheel (Taro's Picker, native on WeChat, a
 * wheel overlay in the browser) instead of typed: nothing to get wrong in the format, and the
 * whole 68 px box is the tap target. The box shows the choice in words, not the stored format.
 */
function PickedField({ mode, start, end, id, label, hint, value, error, onChange, shown, prompt }: PickedFieldProps & { mode: 'date' | 'time'; start?: string; end?: string; shown: string; prompt: string }) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <Picker mode={mode} value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
          <View
            id={control.id}
            className={`field__input field__picked${value ? '' : ' field__picked--empty'}`}
            role="button"
            // The name comes from the content (label, then the choice), so what a screen reader says
            // starts with what is on screen; aria-label would differ from the visible text.
            {...(isH5
              ? {
                  tabIndex: 0,
                  // The browser opens the wheel on a click; Enter or Space from the keyboard clicks too.
                  onKeyDown: (e: { key?: string; preventDefault?: () => void; currentTarget?: { click?: () => void } }) => {
                    if (e.key !== 'Enter' && e.key !== ' ') return;
                    e.preventDefault?.();
                    e.currentTarget?.click?.();
                  },
                  'aria-describedby': control.nativeProps?.['aria-describedby'],
                  'aria-invalid': control.nativeProps?.['aria-invalid'],
                }
              : {})}
          >
            <View className="field__picked-text">
              <View className="sr-only">{label}：</View>
              {value ? shown : prompt}
            </View>
            <View className="field__picked-action" aria-hidden>
              {value ? '更改' : '选择'}
            </View>
          </View>
        </Picker>
      )}
    </FormField>
  );
}

/** A date chosen on a calendar wheel; `start`/`end` (YYYY-MM-DD) bound what can be picked. */
export function DateField(props: PickedFieldProps & { start?: string; end?: string }) {
  return <PickedField {...props} mode="date" shown={props.value ? readableDate(props.value) : ''} prompt="点这里选日期" />;
}

/** A time of day (HH:mm, Beijing time) chosen on a wheel. */
export function TimeField(props: PickedFieldProps) {
  return <PickedField {...props} mode="time" shown={props.value ? readableTime(props.value) : ''} prompt="点这里选时间" />;
}
