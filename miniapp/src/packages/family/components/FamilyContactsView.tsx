import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { paths, withQuery } from '../../../lib/routes';
import { contactKindLabels, type FamilyContactsResponse } from '@domain';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { groupPhone } from '../../../lib/format';
import { callPhone } from '../../../lib/phone';
import { ContactCard } from './ContactCard';
import { Whole } from '../../../components/Whole';

/**
 * A family's contacts, shared by the family's own home page and staff looking at a family they
 * serve (read-only). The gaps in the required contacts are said plainly, with who to ask.
 */
export function FamilyContactsView({
  data,
  staffView,
  afterHeader,
}: {
  data: FamilyContactsResponse;
  staffView: boolean;
  /** The page's main action, placed right under the family's name. */
  afterHeader?: ReactNode;
}) {
  return (
    <View>
      <View className="card family-head">
        <View className="h1">{data.familyName}</View>
        <View className="text-lg">
          {data.townshipName} {data.villageName}
        </View>
        {staffView ? <View className="text soft">您正在查看这户家庭的联系人（只能查看）</View> : null}
      </View>
      {afterHeader}

      {data.missing.map((m) => (
        <Notice tone="warning" key={m.kind}>
          <View className="h3">还没有安排{contactKindLabels[m.kind]}</View>
          <View className="text">{m.whoToAsk}</View>
          {m.phone ? (
            <View className="mt">
              <View className="text">
                <Whole>电话：{groupPhone(m.phone)}</Whole>
              </View>
              <Btn kind="secondary" icon="phone" onClick={() => void callPhone(m.phone!)}>
                打电话问一问
              </Btn>
            </View>
          ) : null}
        </Notice>
      ))}

      <View className="section-title">{staffView ? '这户家庭的联系人' : '您家的联系人'}</View>
      {data.contacts.length === 0 ? <View className="card text">还没有安排联系人。</View> : null}
      {data.contacts.map((c) => (
        <ContactCard
          contact={c}
          key={c.personId}
          onMessage={
            staffView
              ? undefined
              : () =>
                  Taro.navigateTo({
                    url: c.kind === 'doctor' ? paths.newConsultation : withQuery(paths.conversation, { familyId: data.familyId, staffId: c.personId, name: c.name }),
                  })
          }
        />
      ))}
    </View>
  );
}
