import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { type ApplicationView, ApplicationDeclineRequest, formatChineseDate } from '@domain';
import { signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { TextField } from '../../../components/TextField';
import { formErrors, useFormSend } from '../../../lib/form';
import { flash } from '../../../lib/flash';
import { useRemote } from '../../../lib/remote';
import { paths } from '../../../lib/routes';
import { Whole } from '../../../components/Whole';

/**
 * The team lead's work: applications to answer within 3 working days (overdue first, and said in
 * words), and the team's contracts ending within 30 days, whose members are asked to renew.
 */
export default function TeamApplications() {
  const { state, reload } = useRemote(async () => {
    const [applications, expiring] = await Promise.all([signingApi.applications(), signingApi.expiring()]);
    return { applications: applications.items, expiring };
  });
  return (
    <View className="page">
      <FlashNotice />
      <View className="h1">签约申请</View>
      <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: paths.homeVisit })}>
        上门签约
      </Btn>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          {state.data.applications.length === 0 ? <Empty text="没有等待处理的签约申请。" /> : null}
          {state.data.applications.map((a) => (
            <ApplicationCard key={a.applicationId} app={a} onDone={() => void reload(true)} />
          ))}
          <View className="section-title mt">30 天内到期的签约</View>
          {state.data.expiring.items.length === 0 ? <View className="text soft">没有快到期的签约。</View> : null}
          {state.data.expiring.items.map((c) => (
            <View className="card" key={c.contractId}>
              <View className="h3">
                {c.memberName}，{c.villageName}
              </View>
              <View className="text">
                {formatChineseDate(c.endDate)} 到期（{c.daysLeft >= 0 ? `还有 ${c.daysLeft} 天` : `已过期 ${-c.daysLeft} 天`}），请提醒本人在小程序里一键续约。
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function ApplicationCard({ app, onDone }: { app: ApplicationView; onDone: () => void }) {
  const [mode, setMode] = useState<'view' | 'declining'>('view');
  const [reason, setReason] = useState('');
  const { busy, errors, failure: error, refuse, send } = useFormSend();

  const run = async (action: () => Promise<unknown>, done: string) => {
    if (!(await send(action))) return;
    flash(done);
    onDone();
  };
  const decline = () => {
    const parsed = ApplicationDeclineRequest.safeParse({ reason });
    if (!parsed.success) return refuse(formErrors(parsed.error.issues));
    void run(() => signingApi.decline(app.memberId, app.applicationId, parsed.data.reason), `已答复${app.memberName}：不能签约`);
  };

  return (
    <View className="card">
      {app.overdue ? <View className="badge">已超过 3 个工作日，已提交卫健委督办</View> : null}
      <View className="h2">
        {app.memberName}，{app.age} 岁
      </View>
      <View className="text">{app.villageName}</View>
      <View className="text">服务包：{app.packages.map((p) => p.name).join('、')}</View>
      <View className="text">
        <Whole>请在 {formatChineseDate(app.deadline)} 前答复</Whole>
      </View>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {mode === 'view' ? (
        <View className="stack mt">
          <Btn busy={busy} busyText="正在签约…" onClick={() => void run(() => signingApi.accept(app.memberId, app.applicationId), `已同意${app.memberName}的签约申请，等本人签字确认`)}>
            同意签约
          </Btn>
          <Btn kind="secondary" onClick={() => setMode('declining')}>
            不同意
          </Btn>
        </View>
      ) : (
        <View className="mt">
          <TextField
            id={`reason-${app.applicationId}`}
            label="不能签约的原因"
            hint="居民会看到这句话，请写清楚怎么办"
            value={reason}
            error={errors.reason}
            maxlength={100}
            onInput={setReason}
          />
          <View className="stack">
            <Btn busy={busy} busyText="正在提交…" onClick={decline}>
              提交原因
            </Btn>
            <Btn kind="secondary" onClick={() => setMode('view')}>
              返回
            </Btn>
          </View>
        </View>
      )}
    </View>
  );
}
