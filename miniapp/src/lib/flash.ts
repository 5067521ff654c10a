import { useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * The one way to confirm that something was done: a sentence shown in an on-page notice
 * (components/Notice.tsx FlashNotice) that stays until the user's next action, instead of a toast
 * that is too small to read and gone in a second. It lives outside any page because the page that
 * did the work often closes right after (a form that goes back to its list): the notice is shown by
 * whichever page is on screen, now or as soon as one comes back into view.
 */
export interface Flash {
  message: string;
  tone: 'ok' | 'error';
  /** Tells two identical sentences apart, so saving twice shows (and scrolls to) the notice again. */
  id: number;
}

let pending: Flash | null = null;
let nextId = 1;
const listeners = new Set<(flash: Flash | null) => void>();

function publish(flash: Flash | null): void {
  pending = flash;
  for (const listener of listeners) listener(flash);
}

/** Confirms something just done; call it before navigating back so the page landed on shows it. */
export function flash(message: string, tone: Flash['tone'] = 'ok'): void {
  publish({ message, tone, id: nextId++ });
}

/** The user acts again (sends a form): what was confirmed before is no longer news. */
export function clearFlash(): void {
  if (pending) publish(null);
}

/**
 * What the page on screen should show. A page hidden under another one ignores a flash until it is
 * shown again; once it has shown a flash and is left, the flash is gone, so it never comes back.
 */
export function useFlash(): Flash | null {
  const [shown, setShown] = useState<Flash | null>(pending);
  const visible = useRef(true);
  const shownRef = useRef(shown);
  shownRef.current = shown;

  useEffect(() => {
    const listener = (f: Flash | null) => {
      if (visible.current) setShown(f);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  useDidShow(() => {
    visible.current = true;
    setShown(pending);
  });
  useDidHide(() => {
    visible.current = false;
    if (shownRef.current && shownRef.current === pending) pending = null;
    setShown(null);
  });

  // The notice sits at the top of the page: bring it into view where the user tapped further down.
  const shownId = shown?.id;
  useEffect(() => {
    if (shownId) void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }, [shownId]);
  return shown;
}
