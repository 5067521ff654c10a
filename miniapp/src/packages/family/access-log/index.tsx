import { useCallback } from 'react';
import { View } from '@tarojs/components';
import { sensitiveFieldLabels } from '@domain';
import { api } from '../../../api/client';
import { ApiFailure } from '../../../api/errors';
import { Empty, LoadMore, RemoteStatus } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { usePaged } from '../../../lib/remote';

/** Every time staff read a full phone number or other sensitive data of this family. */
export default function AccessLog() {
  const loadPage = useCallback(async (cursor?: string) => {
    const me = await requireMe();
    if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    return api.accessLog(me.familyId, cursor);
  }, []);
  const list = usePaged(loadPage);

  return (
    <View className="page">
      <View className="h1">谁查看了我家信息</View>
      <View className="text soft mb">工作人员查看您家人的完整手机号等信息时，都会记录在这里。</View>
      <RemoteStatus state={list.state} reload={list.reload} />
      {list.state.status === 'ready' && list.items.length === 0 ? <Empty text="还没有工作人员查看过您家的敏感信息。" /> : null}
      {list.items.map((e, i) => (
        <View className="card" key={`${e.at}-${i}`}>
          <View className="h3">{formatDateTime(e.at)}</View>
          <View className="text-lg">
            {e.viewerName}（{e.viewerRoleLabel}）
          </View>
          <View className="text soft">{e.organisation}</View>
          <View className="text mt">
            查看了{e.subjectName}的{sensitiveFieldLabels[e.field]}
          </View>
        </View>
      ))}
      <LoadMore list={list} />
    </View>
  );
}
