import { useState } from 'react';
import { View } from '@tarojs/components';
import { IdLast6, MobilePhone, PersonName, type Session } from '@domain';
import { api } from '../../../api/client';
import { ApiFailure, failureMessage } from '../../../api/errors';
import { clearBindTicket, loadBindTicket, loginWithWechat } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { TextField } from '../../../components/TextField';
import { useFormSend } from '../../../lib/form';
import { goHome, goLogin } from '../../../lib/routes';

type Field = 'name' | 'idLast6' | 'phone';
type Draft = Record<Field, string>;

/**
 * What the user typed survives leaving the page (for example when the ticket expired and login
 * restarts), but only in memory: it is never written to the phone's storage.
 */
let draft: Draft = { name: '', idLast6: '', phone: '' };

const fieldSchemas = { name: PersonName, idLast6: IdLast6, phone: MobilePhone } as const;

function check(values: Draft): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(fieldSchemas) as Field[]) {
    const result = fieldSchemas[field].safeParse(values[field].trim());
    if (!result.success) errors[field] = result.error.issues[0]?.message ?? '请检查这一项';
  }
  return errors;
}

export default function Bind() {
  const [values, setValues] = useState<Draft>(draft);
  // This page is the login flow itself: a failure is said here, never sent to the login page.
  const { busy, errors, failure, refuse, send } = useFormSend(failureMessage);
  const [restart, setRestart] = useState(false);

  const onInput = (field: Field) => (value: string) => {
    const next = { ...values, [field]: value };
    draft = next;
    setValues(next);
  };

  const bindWith = async (bindTicket: string): Promise<Session> => {
    const { session } = await api.bind({
      bindTicket,
      name: values.name.trim(),
      idLast6: values.idLast6.trim().toUpperCase(),
      phone: values.phone.trim(),
    });
    return session;
  };

  /** Binds with the login's ticket, fetching a fresh one if it is gone or expired, and goes home. */
  const bindAndGo = async () => {
    let ticket = loadBindTicket();
    if (!ticket) {
      // The ticket is gone (app restarted): fetch a new one instead of sending the user back.
      const again = await loginWithWechat();
      if (again.status === 'bound') {
        goHome(again.session.me);
        return;
      }
      ticket = loadBindTicket();
    }
    let session: Session;
    try {
      session = await bindWith(ticket!.bindTicket);
    } catch (err) {
      if (!(err instanceof ApiFailure && err.status === 401)) throw err;
      // The ticket expired while the user was typing: log in again and resend what they typed.
      const again = await loginWithWechat();
      if (again.status === 'bound') {
        goHome(again.session.me);
        return;
      }
      session = await bindWith(again.bindTicket);
    }
    clearBindTicket();
    draft = { name: '', idLast6: '', phone: '' };
    goHome(session.me);
  };

  const submit = async () => {
    const found = check(values);
    setRestart(false);
    if (Object.keys(found).length) return refuse(found);
    await send(async () => {
      try {
        await bindAndGo();
      } catch (err) {
        setRestart(err instanceof ApiFailure && (err.status === 401 || err.kind === 'session'));
        throw err;
      }
    });
  };

  return (
    <View className="page">
      <View className="h1">核对您的身份</View>
      <Notice tone="info" icon="shieldCheck">
        第一次使用需要核对一次。县卫健委已经登记了您的信息，请填写下面三项，和登记的一致就能使用。这些信息只用来核对身份，不会给别人看。
      </Notice>

      <TextField
        id="bind-name"
        label="姓名"
        hint="和身份证上一样"
        value={values.name}
        error={errors.name}
        type="text"
        maxlength={20}
        autocomplete="name"
        onInput={onInput('name')}
      />
      <TextField
        id="bind-idLast6"
        label="身份证号后 6 位"
        hint="最后一位如果是 X，也请填上"
        value={values.idLast6}
        error={errors.idLast6}
        type="idcard"
        maxlength={6}
        autocomplete="off"
        onInput={onInput('idLast6')}
      />
      <TextField
        id="bind-phone"
        label="手机号"
        hint="登记时留的 11 位手机号"
        value={values.phone}
        error={errors.phone}
        type="number"
        maxlength={11}
        autocomplete="tel"
        onInput={onInput('phone')}
      />

      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <View className="stack">
        <Btn big icon="check" busy={busy} busyText="正在核对…" onClick={() => void submit()}>
          核对并登录
        </Btn>
        {failure && restart ? (
          <Btn kind="secondary" icon="refresh" onClick={goLogin}>
            重新登录
          </Btn>
        ) : null}
      </View>
      <View className="text soft mt">如果核对不通过，请联系您的村（社区）联系人核实登记的信息。</View>
    </View>
  );
}
