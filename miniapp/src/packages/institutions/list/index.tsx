import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { institutionKindLabels, institutionLevelLabels, type ManagedInstitution } from '@domain';
import { institutionsApi } from '../../../api/institutions';
import { Btn } from '../../../components/Btn';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { flash } from '../../../lib/flash';
import { useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { Whole } from '../../../components/Whole';

/**
 * The county's designated institutions (定点机构) for commission staff: each with its green
 * channel, departments and the townships it serves. County officers add, edit and retire them;
 * a township officer sees the ones serving the township. Retiring is refused while families hold
 * bookings there still to come, and the refusal says how many and where.
 */
export default function Institutions() {
  const { state, reload } = useRemote(() => institutionsApi.list(), { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [retiring, setRetiring] = useState<ManagedInstitution | null>(null);
  const form = useFormSend();

  const retire = (i: ManagedInstitution) => {
    setRetiring(null);
    void form.send(async () => {
      await institutionsApi.retire(i.institutionId, i.version);
      flash(`已停用“${i.name}”，预约时不再显示。`);
      await reload(true);
    });
  };

  return (
    <View className="page">
      <View className="h1">定点机构</View>
      <FlashNotice />
      {form.failure ? <Notice tone="error">{form.failure}</Notice> : null}
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          {state.data.canManage ? (
            <Btn big icon="arrowRight" onClick={() => void Taro.navigateTo({ url: paths.institutionEdit })}>
              新增定点机构
            </Btn>
          ) : (
            <Notice tone="info">定点机构由县卫健委管理，这里列出为本乡镇服务的机构。</Notice>
          )}
          {state.data.items.length === 0 ? <Empty text="还没有定点机构。" /> : null}
          {state.data.items.map((i) => (
            <View className="card" key={i.institutionId}>
              <View className="h2">{i.name}</View>
              <View className="text">
                {institutionKindLabels[i.kind]}，{institutionLevelLabels[i.level]}
                {i.retired ? '（已停用）' : ''}
              </View>
              <View className="text">地址：{i.address}</View>
              <View className="text">
                <Whole>
                  绿色通道：{i.greenChannelPhone}，{i.greenChannelHours}
                </Whole>
              </View>
              <View className="text">科室：{i.departments.map((d) => d.name).join('、')}</View>
              <View className="text">定点服务：{i.servesTownships.length ? i.servesTownships.map((t) => t.name).join('、') : '未指定乡镇'}</View>
              {state.data.canManage && !i.retired ? (
                <View className="stack mt">
                  <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: withQuery(paths.institutionEdit, { institutionId: i.institutionId }) })}>
                    修改{i.name}
                  </Btn>
                  <Btn kind="secondary" busy={form.busy} busyText="正在停用…" onClick={() => setRetiring(i)}>
                    停用{i.name}
                  </Btn>
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <ConfirmDialog
        open={retiring !== null}
        title="停用定点机构"
        message={retiring ? `停用后，家庭预约时不再显示“${retiring.name}”。已有的预约须先改约或取消。确定停用吗？` : ''}
        confirmText="确定停用"
        onConfirm={() => retiring && retire(retiring)}
        onCancel={() => setRetiring(null)}
      />
    </View>
  );
}
