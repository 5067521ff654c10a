import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { Me } from '@domain';
import { Btn } from '../../../components/Btn';
import { LogoutButton } from '../../../components/LogoutButton';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import type { usePaged } from '../../../lib/remote';
import type { useRevealCall } from './useRevealCall';

/**
 * The frame shared by the staff home lists (families, signed members): who is signed in, the page
 * states, "load more", the way out, and the confirm-before-reading-a-number dialog.
 */
export function StaffListPage<T>({
  title,
  me,
  list,
  reveal,
  emptyText,
  children,
}: {
  title: string;
  me: Me | null;
  list: ReturnType<typeof usePaged<T>>;
  reveal: ReturnType<typeof useRevealCall>;
  emptyText: string;
  /** The cards for list.items. */
  children: ReactNode;
}) {
  return (
    <View className="page">
      {me ? (
        <View className="mb">
          <View className="h1">{title}</View>
          <View className="text soft">
            {me.name}
            {me.organisation ? `，${me.organisation}` : ''}
          </View>
        </View>
      ) : null}
      {reveal.errorNotice}
      {list.state.status === 'loading' ? <Loading /> : null}
      {list.state.status === 'error' ? <ErrorState message={list.state.message} retry={list.state.retry} onRetry={() => void list.reload()} /> : null}
      {list.state.status === 'ready' && list.items.length === 0 ? <Empty text={emptyText} /> : null}
      {children}
      {list.moreError ? <Notice tone="error">{list.moreError}</Notice> : null}
      {list.hasMore ? (
        <Btn kind="secondary" busy={list.loadingMore} busyText="正在加载…" onClick={() => void list.loadMore()}>
          加载更多
        </Btn>
      ) : null}
      {list.state.status !== 'loading' ? (
        <View className="mt">
          <LogoutButton />
        </View>
      ) : null}
      {reveal.dialog}
    </View>
  );
}
