import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { IdLast6, MobilePhone, PersonName, type Session } from '@domain';
import { api } from '../../../api/client';
import { isH5 } from '../../../api/config';
import { ApiFailure, failureMessage } from '../../../api/errors';
import { clearBindTicket, loadBindTicket, loginWithWechat } from '../../../api/session';
import { Btn } from '../../../components/Btn';
import { Icon } from '../../../components/Icon';
import { Notice } from '../../../components/Notice';
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

interface FieldProps {
  field: Field;
  label: string;
  hint: string;
  value: string;
  error?: string;
  type: 'text' | 'idcard' | 'number';
  maxlength: number;
  onInput: (field: Field, value: string) => void;
}

function FormField({ field, label, hint, value, error, type, maxlength, onInput }: FieldProps) {
  const id = `bind-${field}`;
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className="field__label" id={`${id}-label`}>
        {label}
      </View>
      <View className="field__hint">{hint}</View>
      <Input
        id={id}
        className="field__input"
        type={type}
        maxlength={maxlength}
        value={value}
        aria-label={label}
        // In the browser the real <input> sits inside Taro's element and needs the label itself.
        nativeProps={isH5 ? { 'aria-label': label, autocomplete: field === 'name' ? 'name' : field === 'phone' ? 'tel' : 'off' } : undefined}
        onInput={(e) => onInput(field, e.detail.value)}
      />
      {error ? (
        <View className="field__error" role="alert">
          <Icon name="warning" />
          {error}
        </View>
      ) : null}
    </View>
  );
}

export default function Bind() {
  const [values, setValues] = useState<Draft>(draft);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<{ message: string; restart?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const onInput = (field: Field, value: string) => {
    const next = { ...values, [field]: value };
    draft = next;
    setValues(next);
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
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

  const submit = async () => {
    const found = check(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
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
    } catch (err) {
      if (err instanceof ApiFailure && err.fields) {
        setErrors({
          name: err.fields['body.name'],
          idLast6: err.fields['body.idLast6'],
          phone: err.fields['body.phone'],
        });
      }
      setFailure({
        message: failureMessage(err),
        restart: err instanceof ApiFailure && (err.status === 401 || err.kind === 'session'),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page">
      <View className="h1">核对您的身份</View>
      <Notice tone="info" icon="shieldCheck">
        第一次使用需要核对一次。县卫健委已经登记了您的信息，请填写下面三项，和登记的一致就能使用。这些信息只用来核对身份，不会给别人看。
      </Notice>

      <FormField
        field="name"
        label="姓名"
        hint="和身份证上一样"
        value={values.name}
        error={errors.name}
        type="text"
        maxlength={20}
        onInput={onInput}
      />
      <FormField
        field="idLast6"
        label="身份证号后 6 位"
        hint="最后一位如果是 X，也请填上"
        value={values.idLast6}
        error={errors.idLast6}
        type="idcard"
        maxlength={6}
        onInput={onInput}
      />
      <FormField
        field="phone"
        label="手机号"
        hint="登记时留的 11 位手机号"
        value={values.phone}
        error={errors.phone}
        type="number"
        maxlength={11}
        onInput={onInput}
      />

      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <View className="stack">
        <Btn big icon="check" busy={busy} busyText="正在核对…" onClick={() => void submit()}>
          核对并登录
        </Btn>
        {failure?.restart ? (
          <Btn kind="secondary" icon="refresh" onClick={goLogin}>
            重新登录
          </Btn>
        ) : null}
      </View>
      <View className="text soft mt">如果核对不通过，请联系您的村（社区）联系人核实登记的信息。</View>
    </View>
  );
}
