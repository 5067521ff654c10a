import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { StaffPost, staffPostLabels, staffStatusLabels, type StaffView } from '@domain';
import { peopleApi } from '../../../api/people';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import '../people.scss';

type Filter = StaffPost | 'all';

function PersonCard({ s }: { s: StaffView }) {
  return (
    <View className={`person-card${s.status === 'active' ? '' : ' person-card--off'}`} data-testid="person-card">
      <View className="h3">
        {s.name}（{staffPostLabels[s.post]}）
      </View>
      <View className="text">
        {s.organisation} {s.title}
      </View>
      <View className="text soft">
        {staffStatusLabels[s.status]}，{s.bound ? '已绑定微信' : '还没有绑定微信'}
      </View>
      {s.status !== 'inactive' ? (
        <View className="mt">
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.peopleEdit, { personId: s.personId }) })}>
            修改或停用{s.name}
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

/**
 * The commission's staff list (人员管理), by post: add one by form, import many, assign a
 * township's families, and open anyone to edit or deactivate them.
 */
export default function People() {
  const [filter, setFilter] = useState<Filter>('all');
  const list = useRemote(async () => {
    await requireMe();
    return peopleApi.list();
  });
  useDidShow(() => void list.reload(true));
  const items = list.state.status === 'ready' ? list.state.data.items.filter((s) => filter === 'all' || s.post === filter) : [];
  const present = list.state.status === 'ready' ? new Set(list.state.data.items.map((s) => s.post)) : new Set<StaffPost>();

  return (
    <View className="page">
      <View className="h1">人员管理</View>
      <View className="mb">
        <Btn big icon="user" onClick={() => Taro.navigateTo({ url: paths.peopleEdit })}>
          添加人员
        </Btn>
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.commissionImport, { kind: 'staff' }) })}>
          用表格导入人员
        </Btn>
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.peopleAssign })}>
          安排联系人和帮扶人员
        </Btn>
      </View>
      <RemoteStatus state={list.state} reload={list.reload} />
      {list.state.status === 'ready' ? (
        <>
          <View className="section-title">按岗位查看</View>
          <RadioChoices
            label="按岗位查看"
            value={filter}
            onChange={setFilter}
            options={[{ value: 'all' as Filter, label: `全部（${list.state.data.items.length} 人）` }, ...StaffPost.options.filter((p) => present.has(p)).map((p) => ({ value: p as Filter, label: staffPostLabels[p] }))]}
          />
          {items.length === 0 ? <Empty text="还没有人员。可以添加，或用表格导入。" /> : null}
          {items.map((s) => (
            <PersonCard key={s.personId} s={s} />
          ))}
        </>
      ) : null}
    </View>
  );
}
