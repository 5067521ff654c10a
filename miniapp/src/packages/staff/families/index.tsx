import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { canRevealMemberPhone, contactKindLabels, familyTypeLabels, povertyFlagLabels, povertyFlagNames, type FamilySummary, type Me } from '@domain';
import { api } from '../../../api/client';
import { Btn } from '../../../components/Btn';
import { ProblemsEntry } from '../../../components/ProblemsEntry';
import { Icon } from '../../../components/Icon';
import { genderLabels, groupPhone } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { usePaged } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { StaffListPage } from '../components/StaffListPage';
import { RevealCallButton, useRevealCall } from '../components/useRevealCall';
import './index.scss';
import { Whole } from '../../../components/Whole';

function FamilyCard({ family, me, reveal }: { family: FamilySummary; me: Me; reveal: ReturnType<typeof useRevealCall> }) {
  const mayCall = canRevealMemberPhone(me.role);
  return (
    <View className="card">
      <View className="h2">{family.familyName}</View>
      <View className="text-lg">
        {family.townshipName} {family.villageName}
      </View>
      <View className="tags mt">
        {family.myContactKind ? (
          <View className="badge">
            <Icon name="user" />
            我是{contactKindLabels[family.myContactKind]}
          </View>
        ) : null}
        {/* Present only for roles allowed to see it (domain/policy/visibility.ts). */}
        {family.familyType ? (
          <View className="badge badge--sensitive">
            <Icon name="tips" />
            {familyTypeLabels[family.familyType]}
          </View>
        ) : null}
        {povertyFlagNames.filter((flag) => family[flag]).map((flag) => (
          <View className="badge badge--sensitive" key={flag}>
            {povertyFlagLabels[flag]}
          </View>
        ))}
      </View>
      {family.members.map((m) => (
        <View className="member" key={m.personId}>
          <View className="member__name">
            {m.name}（{m.relation}）
          </View>
          <View className="text">
            {genderLabels[m.gender]}，{m.age} 岁
          </View>
          {m.phoneMasked ? (
            <View className="text">
              <Whole>电话：{reveal.revealed[m.personId] ? groupPhone(reveal.revealed[m.personId]) : m.phoneMasked}</Whole>
            </View>
          ) : (
            <View className="text soft">没有登记电话</View>
          )}
          {m.phoneMasked && mayCall ? (
            <View className="mt">
              <RevealCallButton reveal={reveal} familyId={family.familyId} member={m} />
            </View>
          ) : null}
        </View>
      ))}
      <View className="mt">
        <Btn
          kind="secondary"
          icon="arrowRight"
          onClick={() => Taro.navigateTo({ url: withQuery(paths.contacts, { familyId: family.familyId, staff: '1' }) })}
        >
          查看这户的联系人
        </Btn>
      </View>
      {me.role === 'contact' ? (
        <View className="mt">
          <Btn kind="secondary" icon="check" onClick={() => Taro.navigateTo({ url: withQuery(paths.actingHub, { familyId: family.familyId }) })}>
            为这户代办
          </Btn>
        </View>
      ) : null}
      <View className="mt">
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: withQuery(paths.familyRecord, { familyId: family.familyId }) })}>
          家庭档案与变更记录
        </Btn>
      </View>
    </View>
  );
}

/** The ledger's entry: contact persons' to-do list, the commission's coverage figures. */
function LedgerEntry({ me }: { me: Me }) {
  const ledger = me.role === 'commission' ? { url: paths.commissionDashboard, text: '覆盖情况和月度台账' } : { url: paths.ledgerDue, text: '联系待办（台账）' };
  return (
    <View className="mb stack">
      <Btn big icon="arrowRight" onClick={() => Taro.navigateTo({ url: ledger.url })}>
        {ledger.text}
      </Btn>
      <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.staffRequests })}>
        {me.role === 'commission' ? '超期诉求督办' : '诉求办理'}
      </Btn>
      {me.role === 'commission' ? (
        <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.report })}>
          自查报告
        </Btn>
      ) : null}
      {me.role === 'commission' ? (
        <Btn kind="secondary" icon="user" onClick={() => Taro.navigateTo({ url: paths.handover })}>
          交接联系人
        </Btn>
      ) : null}
      {me.role === 'commission' ? (
        <>
          <Btn kind="secondary" icon="user" onClick={() => Taro.navigateTo({ url: paths.people })}>
            人员管理
          </Btn>
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.problems })}>
            问题台账（整改）
          </Btn>
        </>
      ) : (
        <ProblemsEntry />
      )}
    </View>
  );
}

/**
 * Contact persons see the families assigned to them; commission staff the families of their
 * county or township. Same list, same actions.
 */
export default function Families() {
  const [me, setMe] = useState<Me | null>(null);
  const loadPage = useCallback(async (cursor?: string) => {
    const who = await requireMe();
    setMe(who);
    if (who.role === 'commission') {
      Taro.setNavigationBarTitle({ title: '辖区家庭' });
      return api.regionFamilies(cursor);
    }
    return api.assignedFamilies(cursor);
  }, []);
  const list = usePaged(loadPage);
  const reveal = useRevealCall();

  return (
    <StaffListPage
      title={me?.role === 'commission' ? '辖区家庭' : '我联系的家庭'}
      me={me}
      list={list}
      reveal={reveal}
      emptyText={me?.role === 'commission' ? '辖区里还没有导入家庭。' : '还没有给您分配联系的家庭。'}
      actions={
        me ? (
          <>
            <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: me.role === 'commission' ? paths.signingCoverage : paths.policyFamilies })}>
              {me.role === 'commission' ? '家庭医生签约情况' : '政策帮扶台账'}
            </Btn>
            {me.role === 'commission' ? (
              <Btn kind="secondary" icon="tips" onClick={() => Taro.navigateTo({ url: paths.commissionArticles })}>
                发布政策宣传文章
              </Btn>
            ) : null}
            {me.role === 'commission' ? (
              <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.institutions })}>
                定点机构管理
              </Btn>
            ) : null}
            {me.role === 'commission' && me.commissionLevel === 'county' ? (
              <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.townships })}>
                本县乡镇（新增、改名）
              </Btn>
            ) : null}
            {me.role === 'commission' ? (
              <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: paths.countyMeasures })}>
                本县帮扶措施
              </Btn>
            ) : null}
          </>
        ) : null
      }
    >
      {me ? <LedgerEntry me={me} /> : null}
      {me ? list.items.map((f) => <FamilyCard family={f} me={me} reveal={reveal} key={f.familyId} />) : null}
    </StaffListPage>
  );
}
