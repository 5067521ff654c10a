import { Text, View } from '@tarojs/components';
import { contactKindLabels, teamRoleLabels, type FamilyContact } from '@domain';
import { Btn } from '../../../components/Btn';
import { Icon } from '../../../components/Icon';
import { groupPhone } from '../../../lib/format';
import { callPhone } from '../../../lib/phone';
import { Whole } from '../../../components/Whole';

/** One contact person: who they are for the family, how to reach them, and one call button. */
export function ContactCard({ contact, onMessage }: { contact: FamilyContact; onMessage?: () => void }) {
  // The contact is often the team leader too: no second button for the same number.
  const teamWithPhones = contact.team?.members.filter((m) => m.phone && m.phone !== contact.phone) ?? [];
  return (
    <View className="card contact" data-kind={contact.kind}>
      <View className="badge">
        <Icon name={contact.kind === 'doctor' ? 'shieldCheck' : 'user'} />
        {contactKindLabels[contact.kind]}
      </View>
      <View className="h2 contact__name">{contact.name}</View>
      <View className="text">{contact.title}</View>
      <View className="text soft">{contact.organisation}</View>
      <View className="text contact__phone">
        <Whole>电话：{groupPhone(contact.phone)}</Whole>
      </View>
      {contact.team ? (
        <View className="contact__team">
          <View className="h3">{contact.team.name}</View>
          {contact.team.members.map((m) => (
            <View className="text" key={`${m.role}-${m.name}`}>
              {teamRoleLabels[m.role]}：{m.name}
              {/* The comma stays with the name (a line must not start with it), and 电话 is not split into 电 / 话. */}
              {m.phone ? (
                <>
                  ，<Text className="nowrap">电话</Text> <Whole>{groupPhone(m.phone)}</Whole>
                </>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
      <View className="stack mt">
        <Btn kind="call" icon="phone" onClick={() => void callPhone(contact.phone)}>
          打电话
        </Btn>
        {onMessage ? (
          <Btn kind="secondary" icon="tips" onClick={onMessage}>
            {contact.kind === 'doctor' ? '在线咨询' : '发消息'}
          </Btn>
        ) : null}
        {teamWithPhones.map((m) => (
          <Btn key={`call-${m.name}`} kind="secondary" icon="phone" onClick={() => void callPhone(m.phone!)}>
            打给{m.name}（{teamRoleLabels[m.role]}）
          </Btn>
        ))}
      </View>
    </View>
  );
}
