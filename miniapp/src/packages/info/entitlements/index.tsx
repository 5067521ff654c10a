import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Entitlement, EntitlementGroup, EntitlementLink } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { informationApi } from '../../../api/information';
import { Btn } from '../../../components/Btn';
import { Icon } from '../../../components/Icon';
import { RemoteStatus } from '../../../components/PageState';
import { groupPhone } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { callPhone } from '../../../lib/phone';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import '../info.scss';
import { Whole } from '../../../components/Whole';

const groupLabels: Record<EntitlementGroup, string> = {
  contacts: '联系人',
  doctor: '家庭医生',
  hospital: '看病住院',
  care: '关爱照顾',
  county: '本县政策',
  requests: '诉求',
};

const links: Record<EntitlementLink, { url: string; label: string }> = {
  card: { url: paths.card, label: '出示就医服务卡' },
  book: { url: paths.book, label: '预约优先就医' },
  admission: { url: paths.admission, label: '申请住院床位' },
  signing: { url: paths.signing, label: '看看签约家庭医生' },
  health: { url: paths.healthReadings, label: '我的健康：随访和长处方' },
  requests: { url: paths.familyRequests, label: '去提诉求' },
  contacts: { url: paths.contacts, label: '看联系人' },
};

/**
 * 我能享受的帮扶: the family's 帮扶清单 in plain words, each item with one button per person to call
 * (the phone's dialler; on H5 a tel: link) and, where the app can do it, the page that does.
 */
export default function Entitlements() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    return informationApi.entitlements(me.familyId);
  });
  return (
    <View className="page">
      <View className="h1">我能享受的帮扶</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <View className="text-lg soft mb">{state.data.familyName}可以享受下面这些服务。有不清楚的，直接打电话问。</View>
          {state.data.items.map((item) => (
            <EntitlementCard key={item.id} item={item} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function EntitlementCard({ item }: { item: Entitlement }) {
  const link = item.link ? links[item.link] : undefined;
  return (
    <View className="card entitlement" data-id={item.id}>
      <View className="badge">
        <Icon name="shieldCheck" />
        {groupLabels[item.group]}
      </View>
      <View className="h2">{item.title}</View>
      {item.lines.map((line, i) => (
        <View className="text entitlement__line" key={i}>
          <Whole>{line}</Whole>
        </View>
      ))}
      <View className="entitlement__phones mt">
        {item.calls.map((c) => (
          <View className="text" key={`${c.role}-${c.phone}`}>
            {c.role} {c.name}：<Text className="strong">
              <Whole>{groupPhone(c.phone)}</Whole>
            </Text>
          </View>
        ))}
      </View>
      <View className="stack mt">
        {item.calls.map((c) => (
          <Btn key={`${c.role}-${c.phone}`} kind="call" icon="phone" onClick={() => void callPhone(c.phone)}>
            打给{c.name}
          </Btn>
        ))}
        {link ? (
          <Btn kind="secondary" icon="arrowRight" onClick={() => Taro.navigateTo({ url: link.url })}>
            {link.label}
          </Btn>
        ) : null}
      </View>
    </View>
  );
}
