import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, type Me } from '@domain';
import { api } from '../../../api/client';
import { logout } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { Empty, ErrorState, Loading } from '../../../components/PageState';
import { genderLabels, groupPhone } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { usePaged } from '../../../lib/remote';
import { goLogin, paths, withQuery } from '../../../lib/routes';
import { useRevealCall } from '../components/useRevealCall';

/** A family doctor's signed members: who they are, where they live, what they are treated for. */
export default function Members() {
  const [me, setMe] = useState<Me | null>(null);
  const loadPage = useCallback(async (cursor?: string) => {
    setMe(await requireMe());
    return api.signedMembers(cursor);
  }, []);
  const list = usePaged(loadPage);
  const reveal = useRevealCall();

  return (
    <View className="page">
      {me ? (
        <View className="mb">
          <View className="h1">我的签约居民</View>
          <View className="text soft">
            {me.name}
            {me.organisation ? `，${me.organisation}` : ''}
          </View>
        </View>
      ) : null}
      {reveal.errorNotice}
      {list.state.status === 'loading' ? <Loading /> : null}
      {list.state.status === 'error' ? <ErrorState message={list.state.message} retry={list.state.retry} onRetry={() => void list.reload()} /> : null}
      {list.state.status === 'ready' && list.items.length === 0 ? <Empty text="还没有签约居民。" /> : null}
      {list.items.map((m) => (
        <View className="card" key={m.personId}>
          <View className="h2">{m.name}</View>
          <View className="text-lg">
            {genderLabels[m.gender]}，{m.age} 岁，{m.villageName}
          </View>
          <View className="text mt">
            <View className="strong">慢病和健康情况：</View>
            {m.conditions.length ? m.conditions.join('、') : '没有登记'}
          </View>
          <View className="text">签约日期：{formatChineseDate(m.signedOn)}</View>
          <View className="text">电话：{reveal.revealed[m.personId] ? groupPhone(reveal.revealed[m.personId]) : m.phoneMasked ?? '没有登记'}</View>
          <View className="stack mt">
            {m.phoneMasked ? (
              <Btn
                kind="call"
                icon="phone"
                busy={reveal.busy === m.personId}
                busyText="正在拨号…"
                onClick={() => reveal.ask({ familyId: m.familyId, personId: m.personId, name: m.name })}
              >
                拨打
              </Btn>
            ) : null}
            <Btn
              kind="secondary"
              icon="arrowRight"
              onClick={() => Taro.navigateTo({ url: withQuery(paths.contacts, { familyId: m.familyId, staff: '1' }) })}
            >
              查看家庭联系人
            </Btn>
          </View>
        </View>
      ))}
      {list.moreError ? <Notice tone="error">{list.moreError}</Notice> : null}
      {list.hasMore ? (
        <Btn kind="secondary" busy={list.loadingMore} busyText="正在加载…" onClick={() => void list.loadMore()}>
          加载更多
        </Btn>
      ) : null}
      {list.state.status !== 'loading' ? (
        <View className="mt">
          <Btn
            kind="secondary"
            onClick={() => {
              logout();
              goLogin();
            }}
          >
            退出登录
          </Btn>
        </View>
      ) : null}
      {reveal.dialog}
    </View>
  );
}
