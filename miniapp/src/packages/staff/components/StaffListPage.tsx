import type { ReactNode } from 'react';
import { MessagesEntry } from '../../../components/MessagesEntry';
import { View } from '@tarojs/components';
import type { Me } from '@domain';
import { LogoutButton } from '../../../components/LogoutButton';
import { Empty, LoadMore, RemoteStatus } from '../../../components/PageState';
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
  actions,
  children,
}: {
  title: string;
  me: Me | null;
  list: ReturnType<typeof usePaged<T>>;
  reveal: ReturnType<typeof useRevealCall>;
  emptyText: string;
  /** Entries to the role's other work (signing, ledgers), under the title. */
  actions?: ReactNode;
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
      {actions ? <View className="stack mb">{actions}</View> : null}
      {me && (me.role === 'contact' || me.role === 'doctor') ? <MessagesEntry me={me} /> : null}
      {reveal.errorNotice}
      <RemoteStatus state={list.state} reload={list.reload} />
      {list.state.status === 'ready' && list.items.length === 0 ? <Empty text={emptyText} /> : null}
      {children}
      <LoadMore list={list} />
      {list.state.status !== 'loading' ? (
        <View className="mt">
          <LogoutButton />
        </View>
      ) : null}
      {reveal.dialog}
    </View>
  );
}
