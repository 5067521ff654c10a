import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, type Me } from '@domain';
import { api } from '../../../api/client';
import { Btn } from '../../../components/Btn';
import { genderLabels, groupPhone } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { usePaged } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { StaffListPage } from '../components/StaffListPage';
import { RevealCallButton, useRevealCall } from '../components/useRevealCall';
import { Whole } from '../../../components/Whole';

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
    <StaffListPage
      title="我的签约居民"
      me={me}
      list={list}
      reveal={reveal}
      emptyText="还没有签约居民。"
      actions={
        <>
          <Btn icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.doctorQueue })}>
            随访待办和续方审核
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.teamApplications })}>
            签约申请与续约
          </Btn>
          <Btn kind="secondary" icon="tips" onClick={() => Taro.navigateTo({ url: paths.doctorArticles })}>
            发布健康知识
          </Btn>
        </>
      }
    >
      {list.items.map((m) => (
        <View className="card" key={m.personId}>
          <View className="h2">{m.name}</View>
          <View className="text-lg">
            {genderLabels[m.gender]}，{m.age} 岁，{m.villageName}
          </View>
          <View className="text mt">
            <View className="strong">慢病和健康情况：</View>
            {/* Without the member's separate health-data consent the server sends no conditions: say
                so, rather than letting "none" look like a healthy patient. */}
            {!m.healthDataShared ? '本人还没有同意在线共享健康信息' : m.conditions.length ? m.conditions.join('、') : '没有登记'}
          </View>
          <View className="text">
            <Whole>签约日期：{formatChineseDate(m.signedOn)}</Whole>
          </View>
          <View className="text">
            <Whole>电话：{reveal.revealed[m.personId] ? groupPhone(reveal.revealed[m.personId]) : m.phoneMasked ?? '没有登记'}</Whole>
          </View>
          <View className="stack mt">
            {m.phoneMasked ? (
              <RevealCallButton reveal={reveal} familyId={m.familyId} member={m} />
            ) : null}
            <Btn
              kind="secondary"
              icon="arrowRight"
              onClick={() => Taro.navigateTo({ url: withQuery(paths.contacts, { familyId: m.familyId, staff: '1' }) })}
            >
              查看家庭联系人
            </Btn>
            <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.referral, { familyId: m.familyId, memberId: m.personId, memberName: m.name }) })}>
              转诊预约
            </Btn>
          </View>
        </View>
      ))}
    </StaffListPage>
  );
}
