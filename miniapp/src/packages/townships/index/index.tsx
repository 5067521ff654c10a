import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { AddTownshipRequest, RenameTownshipRequest, type CountyTownship } from '@domain';
import { newIdempotencyKey } from '../../../api/idempotency-key';
import { townshipsApi } from '../../../api/townships';
import { Btn } from '../../../components/Btn';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { flash } from '../../../lib/flash';
import { formErrors, useFormSend } from '../../../lib/form';
import { useRemote } from '../../../lib/remote';

/**
 * The county's townships for its commission (乡镇撤并): each with the number the register's
 * 乡镇编号 column takes and its families; a township renamed in place (its families and figures
 * stay), or a new one added by its statistical division code. Only county officers come here.
 */
export default function Townships() {
  const { state, reload } = useRemote(() => townshipsApi.list(), { auto: false });
  useDidShow(() => void reload(state.status === 'ready'));
  const [renaming, setRenaming] = useState<CountyTownship | null>(null);

  return (
    <View className="page">
      <View className="h1">本县乡镇</View>
      <FlashNotice />
      <Notice tone="info">乡镇撤并、新设或改名时在这里调整。导入家庭花名册时，“乡镇编号”一列填下面的编号。</Notice>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          {state.data.items.length === 0 ? <Empty text="本县还没有乡镇。" /> : null}
          {state.data.items.map((t) => (
            <View className="card" key={t.townshipId}>
              <View className="h2">{t.name}</View>
              <View className="text">编号：{t.townshipId}</View>
              <View className="text">登记家庭：{t.families} 户</View>
              {renaming?.townshipId === t.townshipId ? (
                <RenameForm
                  township={t}
                  onDone={() => {
                    setRenaming(null);
                    void reload(true);
                  }}
                  onCancel={() => setRenaming(null)}
                />
              ) : (
                <View className="stack mt">
                  <Btn kind="secondary" onClick={() => setRenaming(t)}>
                    {t.name}改名
                  </Btn>
                </View>
              )}
            </View>
          ))}
          <AddForm onAdded={() => void reload(true)} />
        </View>
      ) : null}
    </View>
  );
}

function RenameForm({ township, onDone, onCancel }: { township: CountyTownship; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(township.name);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const save = () => {
    const parsed = RenameTownshipRequest.safeParse({ name });
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    void send(async () => {
      const renamed = await townshipsApi.rename(township.townshipId, parsed.data.name);
      flash(`已将“${township.name}”改名为“${renamed.name}”，家庭和统计数字不变。`);
      onDone();
    });
  };
  return (
    <View className="mt">
      <TextField id={`rename-${township.townshipId}`} label="新名称" hint="例如：城关镇" value={name} error={errors.name} maxlength={20} onInput={setName} />
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <View className="stack">
        <Btn busy={busy} busyText="正在保存…" onClick={save}>
          保存新名称
        </Btn>
        <Btn kind="secondary" onClick={onCancel}>
          不改了
        </Btn>
      </View>
    </View>
  );
}

function AddForm({ onAdded }: { onAdded: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  // One key per township being added: a retry of the same add is answered once.
  const [key, setKey] = useState(newIdempotencyKey);
  const { busy, errors, failure, refuse, send } = useFormSend();
  const save = () => {
    const parsed = AddTownshipRequest.safeParse({ code, name });
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    void send(async () => {
      const added = await townshipsApi.add(parsed.data, key);
      flash(`已添加“${added.name}”，编号 ${added.townshipId}。`);
      setCode('');
      setName('');
      setKey(newIdempotencyKey());
      onAdded();
    });
  };
  return (
    <View className="mt">
      <View className="section-title">添加乡镇</View>
      <TextField id="township-code" label="乡镇区划代码" hint="统计部门公布的 9 位代码，如 130534100" type="number" value={code} error={errors.code} maxlength={9} onInput={setCode} />
      <TextField id="township-name" label="乡镇名称" hint="例如：新兴镇" value={name} error={errors.name} maxlength={20} onInput={setName} />
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Btn big busy={busy} busyText="正在添加…" onClick={save}>
        添加乡镇
      </Btn>
    </View>
  );
}
