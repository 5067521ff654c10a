import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { listDevPersonas, type DevPersona } from '../../api/dev';
import { failureMessage } from '../../api/errors';
import { loginWithWechat, setDevOpenid } from '../../api/session';
import { Btn } from '../../components/Btn';
import { Icon } from '../../components/Icon';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/PageState';
import { pressable } from '../../lib/a11y';
import { useFormSend } from '../../lib/form';
import { useRemote } from '../../lib/remote';
import { goHome, paths } from '../../lib/routes';
import './index.scss';

async function finishLogin(): Promise<void> {
  const result = await loginWithWechat();
  if (result.status === 'bound') goHome(result.session.me);
  else Taro.navigateTo({ url: paths.bind });
}

function Intro() {
  return (
    <View className="login-hero">
      <View className="h1">连心</View>
      <View className="text-lg">为计划生育特殊家庭提供联系人、家庭医生和优先就医服务。</View>
    </View>
  );
}

/** WeChat: one big button; wx.login needs no typing. */
function WechatLogin() {
  const { busy, failure: error, send } = useFormSend(failureMessage);
  const login = () => send(finishLogin);
  return (
    <View>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Btn big icon="user" busy={busy} busyText="正在登录…" onClick={() => void login()}>
        微信登录
      </Btn>
      <View className="text soft mt">第一次使用时，需要核对一次您的姓名、身份证号后 6 位和手机号。</View>
    </View>
  );
}

/** H5 in the local stage has no wx.login: pick a demo persona, the local runtime issues its code. */
function DemoLogin() {
  const personas = useRemote(listDevPersonas);
  const { busy, failure: error, send } = useFormSend(failureMessage);
  const [chosen, setChosen] = useState<string | null>(null);
  const busyOpenid = busy ? chosen : null;

  const choose = async (p: DevPersona) => {
    if (busy) return;
    setChosen(p.openid);
    await send(async () => {
      setDevOpenid(p.openid);
      await finishLogin();
    });
  };

  return (
    <View>
      <Notice tone="info">
        <View className="strong">本地演示环境</View>
        <View>这里没有微信登录。请选择一位演示人员，以他（她）的身份使用。</View>
      </Notice>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {personas.state.status === 'loading' ? <Loading text="正在读取演示人员…" /> : null}
      {personas.state.status === 'error' ? <ErrorState message={personas.state.message} retry={personas.state.retry} onRetry={() => void personas.reload()} /> : null}
      {personas.state.status === 'ready' && personas.state.data.length === 0 ? <Empty text="没有可用的演示人员。" /> : null}
      {personas.state.status === 'ready'
        ? personas.state.data.map((p) => (
            // The whole card takes the tap; its title row is the button for screen readers and
            // keyboards, named by exactly the words it shows. The description is plain text next
            // to it, tied to the button as its description rather than folded into its name.
            <View
              key={p.openid}
              className={`persona${busyOpenid === p.openid ? ' persona--busy' : ''}`}
              onClick={() => void choose(p)}
            >
              <View className="persona__name" aria-describedby={`persona-desc-${p.openid}`} {...pressable(() => void choose(p), 'button')}>
                <Icon name="user" size="l" />
                {p.label}
              </View>
              <View className="persona__desc" id={`persona-desc-${p.openid}`}>
                {busyOpenid === p.openid ? '正在登录…' : p.description}
              </View>
            </View>
          ))
        : null}
    </View>
  );
}

export default function Login() {
  return (
    <View className="page">
      <Intro />
      {/* Written out so the WeChat build drops the demo login entirely. */}
      {process.env.TARO_ENV === 'h5' ? <DemoLogin /> : <WechatLogin />}
    </View>
  );
}
