import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Empty as NutEmpty, Loading as NutLoading } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import { Btn } from './Btn';
import { Icon } from './Icon';
import type { IconName } from './icon-data';
import { Notice } from './Notice';
import type { Remote, usePaged } from '../lib/remote';

/** NutUI's spinner above the words; the words say what is happening, the spinning only shows it. */
export function Loading({ text = '正在加载，请稍候…' }: { text?: string }) {
  return (
    <View className="state" role="status" aria-live="polite">
      {/* Our icon, not NutUI's <i> spinner, which the WeChat build cannot render. */}
      <NutLoading className="lx-loading" direction="vertical" icon={<Icon name="refresh" size="l" className="lx-spin" />}>
        {text}
      </NutLoading>
    </View>
  );
}

/**
 * NutUI's Empty with our icon as its picture: its default pictures are fetched from a remote CDN,
 * which a mini-program may not reach (request domains must be declared) and which say nothing to a
 * screen reader. Large words, and the one thing to do below them.
 */
function StateBox({ icon, text, tone, children }: { icon: IconName; text: string; tone?: 'error'; children?: ReactNode }) {
  return (
    <View className={`state${tone ? ` state--${tone}` : ''}`} role={tone === 'error' ? 'alert' : undefined}>
      <NutEmpty className="lx-empty" image={<Icon name={icon} size="xl" />} title={text}>
        {children}
      </NutEmpty>
    </View>
  );
}

/**
 * Says what went wrong in plain words and offers the one thing to do: try again, or, when that
 * cannot help (not allowed, not found), go back to the start page.
 */
export function ErrorState({ message, onRetry, retry = true }: { message: string; onRetry: () => void; retry?: boolean }) {
  return (
    <StateBox icon="warning" text={message} tone="error">
      {retry ? (
        <Btn icon="refresh" onClick={onRetry}>
          重试
        </Btn>
      ) : (
        <Btn icon="home" onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
          回到首页
        </Btn>
      )}
    </StateBox>
  );
}

export function Empty({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <StateBox icon="tips" text={text}>
      {children}
    </StateBox>
  );
}

/**
 * The loading and error states of a remote read, shown in place of its content; above the content,
 * why a quiet refresh failed (what is shown is then the last good read), until one succeeds.
 */
export function RemoteStatus({ state, reload, loadingText }: { state: Remote<unknown>; reload: () => Promise<unknown> | void; loadingText?: string }) {
  if (state.status === 'loading') return <Loading text={loadingText} />;
  if (state.status === 'error') return <ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} />;
  if (state.stale) {
    return (
      <Notice tone="warning">
        <View className="text strong">没有刷新成功，下面是之前的内容。</View>
        <View className="text">{state.stale}</View>
      </Notice>
    );
  }
  return null;
}

/** "加载更多" under a paged list, with the error of the last attempt above it. */
export function LoadMore({ list }: { list: Pick<ReturnType<typeof usePaged<unknown>>, 'moreError' | 'hasMore' | 'loadingMore' | 'loadMore'> }) {
  return (
    <>
      {list.moreError ? <Notice tone="error">{list.moreError}</Notice> : null}
      {list.hasMore ? (
        <Btn kind="secondary" busy={list.loadingMore} busyText="正在加载…" onClick={() => void list.loadMore()}>
          加载更多
        </Btn>
      ) : null}
    </>
  );
}
