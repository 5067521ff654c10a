import { useState } from 'react';
import { View } from '@tarojs/components';
import { PRIVACY_GUIDE_VERSION, privacyGuide, SERVICE_CARD } from '@domain';
import { api } from '../../api/client';
import { loadSession, saveConsent } from '../../api/session';
import { Btn } from '../../components/Btn';
import { CheckChoice, RadioChoices } from '../../components/Choice';
import { Icon } from '../../components/Icon';
import { Notice } from '../../components/Notice';
import { useFormSend } from '../../lib/form';
import { goHome, goLogin } from '../../lib/routes';

type FieldErrors = { guide?: string; health?: string };

function FieldError({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <View className="field__error" role="alert">
      <Icon name="warning" />
      {text}
    </View>
  );
}

/**
 * The privacy guide and, separately, the health-data consent (PIPL: sensitive data needs its own
 * consent). Nothing is pre-ticked: both answers must be the user's.
 */
export default function Privacy() {
  const [agreeGuide, setAgreeGuide] = useState(false);
  const [health, setHealth] = useState<boolean | null>(null);
  const { busy, errors: fields, failure, refuse, send } = useFormSend();
  // The page's own keys, or the server's names for the same answers.
  const errors: FieldErrors = { guide: fields.guide ?? fields.agreePrivacyGuide ?? fields.privacyGuideVersion, health: fields.health ?? fields.healthData };
  const ready = agreeGuide && health !== null;

  const submit = async () => {
    const missing: FieldErrors = {};
    if (!agreeGuide) missing.guide = '请先勾选“我已阅读并同意”';
    if (health === null) missing.health = '请选择是否同意使用健康信息';
    if (missing.guide || missing.health || health === null) return refuse(missing);
    if (!loadSession()) {
      goLogin();
      return;
    }
    await send(async () => {
      const { consent } = await api.putConsent({
        privacyGuideVersion: PRIVACY_GUIDE_VERSION,
        agreePrivacyGuide: true,
        healthData: health,
      });
      saveConsent(consent);
      const session = loadSession();
      if (session) goHome(session.me);
      else goLogin();
    });
  };

  return (
    <View className="page">
      <View className="h1">{privacyGuide.title}</View>
      <View className="text soft mb">请慢慢阅读。看完后在下面做两个选择。</View>
      {privacyGuide.sections.map((s) => (
        <View className="card" key={s.heading}>
          <View className="h3">{s.heading}</View>
          <View className="text">{s.body}</View>
        </View>
      ))}

      <View className="section-title">第一步：隐私保护指引</View>
      <CheckChoice checked={agreeGuide} onChange={setAgreeGuide}>
        我已阅读并同意《{privacyGuide.title}》
      </CheckChoice>
      <FieldError text={errors.guide} />

      <View className="section-title">第二步：{privacyGuide.healthDataConsent.heading}</View>
      <View className="card">
        <View className="text">{privacyGuide.healthDataConsent.body}</View>
      </View>
      <RadioChoices
        label="是否同意使用健康信息"
        value={health === null ? null : health ? 'yes' : 'no'}
        onChange={(v) => setHealth(v === 'yes')}
        options={[
          { value: 'yes', label: '同意使用我的健康信息' },
          { value: 'no', label: `不同意（仍可使用联系人和${SERVICE_CARD}）` },
        ]}
      />
      <FieldError text={errors.health} />

      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <View className="mt">
        <Btn
          big
          icon="check"
          busy={busy}
          busyText="正在保存…"
          onClick={() => void submit()}
          // On WeChat the same tap also records agreement with WeChat's own privacy mechanism,
          // but only once both choices are made here.
          openType={process.env.TARO_ENV === 'weapp' && ready ? 'agreePrivacyAuthorization' : undefined}
          onAgreePrivacyAuthorization={() => undefined}
        >
          同意并继续
        </Btn>
      </View>
      <View className="text soft mt">不同意隐私保护指引将无法使用连心。您以后可以随时撤回同意。</View>
    </View>
  );
}
