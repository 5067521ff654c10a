import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { SERVICE_CARD } from '@domain';
import { api } from '../../../api/client';
import { ApiFailure } from '../../../api/errors';
import { loadSession } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { MessagesEntry } from '../../../components/MessagesEntry';
import { LogoutButton } from '../../../components/LogoutButton';
import { RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import { FamilyContactsView } from '../components/FamilyContactsView';
import { SurveyCard } from '../components/SurveyCard';
import { ArticlesEntry } from '../components/ArticlesEntry';
import './index.scss';

/**
 * A family member's home: who to call. Staff reach the same page with `?familyId=…&staff=1` to see
 * a family's contacts read-only.
 */
export default function Contacts() {
  const { params } = useRouter();
  const staffView = params.staff === '1';

  const me = loadSession()?.me;
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    const familyId = params.familyId ?? me.familyId;
    if (!familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    if (staffView) Taro.setNavigationBarTitle({ title: '家庭联系人' });
    return api.familyContacts(familyId);
  });

  return (
    <View className="page">
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          <FamilyContactsView
            data={state.data}
            staffView={staffView}
            afterHeader={
              staffView ? null : (
                <View className="entries stack">
                  {me ? <MessagesEntry me={me} /> : null}
                  <Btn big icon="scan" onClick={() => Taro.navigateTo({ url: paths.card })}>
                    出示{SERVICE_CARD}
                  </Btn>
                  <Btn kind="secondary" icon="clock" onClick={() => Taro.navigateTo({ url: paths.book })}>
                    预约优先就医
                  </Btn>
                  <Btn kind="secondary" icon="health" onClick={() => Taro.navigateTo({ url: paths.healthReadings })}>
                    我的健康：随访和长处方
                  </Btn>
                  <Btn kind="secondary" icon="tips" onClick={() => Taro.navigateTo({ url: paths.familyRequests })}>
                    我的诉求：有困难告诉我们
                  </Btn>
                  <Btn kind="secondary" icon="shieldCheck" onClick={() => Taro.navigateTo({ url: paths.entitlements })}>
                    我能享受的帮扶
                  </Btn>
                  {me?.familyId ? <ArticlesEntry familyId={me.familyId} /> : null}
                </View>
              )
            }
          />
          {!staffView && me?.familyId ? <SurveyCard familyId={me.familyId} /> : null}
          {!staffView ? (
            <View className="stack mt">
              <Btn kind="secondary" icon="user" onClick={() => Taro.navigateTo({ url: paths.signing })}>
                签约家庭医生
              </Btn>
              <Btn kind="secondary" icon="eye" onClick={() => Taro.navigateTo({ url: paths.accessLog })}>
                谁查看了我家信息
              </Btn>
              <LogoutButton />
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
