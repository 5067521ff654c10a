import { isH5 } from '../api/config';

/**
 * In the browser, Taro renders taps as plain custom elements that a keyboard or screen reader
 * cannot reach. These props make such an element focusable and pressable with Enter or Space.
 * WeChat has its own accessibility tree, so the mini-program gets nothing extra.
 */
export function pressable(onPress: () => void, role?: string): Record<string, unknown> {
  if (!isH5) return {};
  return {
    ...(role ? { role } : {}),
    tabIndex: 0,
    onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        onPress();
      }
    },
  };
}
