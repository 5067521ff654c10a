import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { ApiFailure, failureMessage } from '../api/errors';
import { goLogin, paths } from './routes';

export type Remote<T> =
  | { status: 'loading' }
  /** `stale` says why a quiet refresh failed: what is on screen is the last good read. */
  | { status: 'ready'; data: T; stale?: string }
  /** `retry` is false when trying again cannot help (not allowed, not found). */
  | { status: 'error'; message: string; retry: boolean };

function retryHelps(err: unknown): boolean {
  return !(err instanceof ApiFailure && (err.status === 403 || err.status === 404) && err.kind === 'http');
}

/** A session that cannot be restored sends the user to log in; everything else is shown. */
export function handleFailure(err: unknown): string {
  if (err instanceof ApiFailure && err.kind === 'session') goLogin();
  if (err instanceof ApiFailure && err.kind === 'consent') Taro.reLaunch({ url: paths.privacy });
  return failureMessage(err);
}

/**
 * Loads data for a page with loading, ready and error states. `reload(true)` refreshes quietly,
 * keeping what is on screen (used when a QR code renews itself).
 */
export function useRemote<T>(load: () => Promise<T>, { auto = true }: { auto?: boolean } = {}) {
  const [state, setState] = useState<Remote<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const reload = useCallback(async (quiet = false) => {
    if (!quiet) setState({ status: 'loading' });
    try {
      const data = await loadRef.current();
      if (alive.current) setState({ status: 'ready', data });
    } catch (err) {
      const message = handleFailure(err);
      if (alive.current) {
        setState((prev) => (quiet && prev.status === 'ready' ? { ...prev, stale: message } : { status: 'error', message, retry: retryHelps(err) }));
      }
    }
  }, []);

  useEffect(() => {
    if (auto) void reload();
  }, [auto, reload]);

  return { state, reload };
}

export interface Paged<T> {
  items: T[];
  nextCursor?: string;
}

/** A list read page by page with a big "加载更多" button instead of infinite scrolling. */
export function usePaged<T>(loadPage: (cursor?: string) => Promise<Paged<T>>) {
  const first = useRemote(() => loadPage(undefined));
  const [more, setMore] = useState<{ items: T[]; nextCursor?: string; loading: boolean; error?: string }>({
    items: [],
    loading: false,
  });

  // A reload starts the list over.
  useEffect(() => {
    if (first.state.status === 'loading') setMore({ items: [], loading: false });
  }, [first.state.status]);

  const firstPage = first.state.status === 'ready' ? first.state.data : null;
  const items = firstPage ? [...firstPage.items, ...more.items] : [];
  const nextCursor = more.items.length || more.nextCursor !== undefined ? more.nextCursor : firstPage?.nextCursor;

  const loadMore = useCallback(async () => {
    if (!nextCursor || more.loading) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await loadPage(nextCursor);
      setMore((m) => ({ items: [...m.items, ...page.items], nextCursor: page.nextCursor, loading: false }));
    } catch (err) {
      const message = handleFailure(err);
      setMore((m) => ({ ...m, loading: false, error: message }));
    }
  }, [loadPage, nextCursor, more.loading]);

  return { state: first.state, reload: first.reload, items, hasMore: Boolean(nextCursor), loadMore, loadingMore: more.loading, moreError: more.error };
}
