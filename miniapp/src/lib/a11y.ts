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

/**
 * NutUI passes WeChat's `ariaRole` prop to its views; Taro's H5 build turns that into an
 * `aria-role` attribute, which is not ARIA (screen readers ignore it, axe flags it). Where we give
 * such an element its real `role`, the stray attribute is removed after every render (NutUI sets it
 * again on each update). Nothing to do on WeChat, whose views read `ariaRole` natively.
 */
export function dropAriaRoleAttributes(selector: string): void {
  if (!isH5 || typeof document === 'undefined') return;
  document.querySelectorAll(`${selector}[aria-role]`).forEach((el) => el.removeAttribute('aria-role'));
}
