import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { actedByLabel, type ContractView, formatChineseDate } from '@domain';
import { ApiFailure } from '../../../api/errors';
import { signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { FlashNotice, Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { flash } from '../../../lib/flash';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { Whole } from '../../../components/Whole';

const confirmationWords = { signature: '本人手写签字', tap: '本人一键续约', paper: '纸质签约' } as const;

/**
 * A member's contract: who, what it includes, until when, what was promised and what was done so
 * far (履约), the signature still to give, renewal from 30 days before the end, and the history.
 */
export default function ContractPage() {
  const { params } = useRouter();
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息');
    const memberId = params.memberId ?? me.personId;
    return { familyId: me.familyId, memberId, data: await signingApi.contracts(me.familyId, memberId) };
  });
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });

  return (
    <View className="page">
      <FlashNotice />
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        state.data.data.current ? (
          <Current contract={state.data.data.current} familyId={state.data.familyId} onChanged={() => void reload(true)} />
        ) : (
          <Empty text="现在没有生效的签约。">
            <Btn onClick={() => Taro.redirectTo({ url: paths.signing })}>申请签约</Btn>
          </Empty>
        )
      ) : null}
      {state.status === 'ready' && state.data.data.history.length > 1 ? (
        <View className="mt">
          <View className="section-title">以往签约</View>
          {state.data.data.history
            .filter((c) => c.contractId !== state.data.data.current?.contractId)
            .map((c) => (
              <View className="card" key={c.contractId}>
                <View className="text">
                  {formatChineseDate(c.startDate)} 至 {formatChineseDate(c.endDate)}，{c.teamName}
                </View>
                <View className="text soft">
                  <Whole>{c.status === 'renewed' ? '已续约' : c.termination ? `已解约：${c.termination.reasonLabel}（${formatChineseDate(c.termination.date)}）` : ''}</Whole>
                </View>
              </View>
            ))}
        </View>
      ) : null}
    </View>
  );
}

/** The photo of the paper form the doctor's team uploaded, opened full screen (a short-lived URL). */
function PaperPhoto({ contract: c, familyId }: { contract: ContractView; familyId: string }) {
  const { busy, failure, send } = useFormSend();
  const open = () =>
    void send(async () => {
      const { url } = await signingApi.signature(familyId, c.memberId, c.contractId);
      await Taro.previewImage({ urls: [url], current: url });
    });
  return (
    <View>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <Btn kind="secondary" busy={busy} busyText="正在打开…" onClick={open}>
        查看纸质签约书照片
      </Btn>
    </View>
  );
}

function Current({ contract: c, familyId, onChanged }: { contract: ContractView; familyId: string; onChanged: () => void }) {
  const { busy, failure: error, send } = useFormSend();
  const renew = async () => {
    if (!(await send(() => signingApi.renew(familyId, c.memberId, c.contractId)))) return;
    flash('续约成功');
    onChanged();
  };
  return (
    <View>
      <View className="h1">{c.memberName}的签约</View>
      {!c.confirmation ? (
        <View>
          <Notice tone="warning">团队已同意签约，请您签字确认。</Notice>
          <Btn big onClick={() => Taro.navigateTo({ url: withQuery(paths.signingSign, { memberId: c.memberId, contractId: c.contractId }) })}>
            签字确认
          </Btn>
        </View>
      ) : null}
      {c.renewable ? (
        <View>
          <Notice tone="info">{c.lapsed ? '签约已到期，' : `签约将在 ${formatChineseDate(c.endDate)} 到期，`}点下面的按钮就能续约一年。</Notice>
          {error ? <Notice tone="error">{error}</Notice> : null}
          <Btn big busy={busy} busyText="正在续约…" onClick={() => void renew()}>
            一键续约
          </Btn>
        </View>
      ) : null}
      <View className="card">
        <View className="badge">{c.confirmation ? '签约生效中' : '等待签字'}</View>
        <View className="h2">{c.teamName}</View>
        <View className="text">责任医生：{c.doctorName}</View>
        <View className="text">
          <Whole>
            签约期：{formatChineseDate(c.startDate)} 至 {formatChineseDate(c.endDate)}
          </Whole>
        </View>
        <View className="text">服务包：{c.packages.map((p) => p.name).join('、')}</View>
        {c.confirmation ? (
          <View className="text soft">
            {confirmationWords[c.confirmation.kind]}：{c.confirmation.byName}，{formatDateTime(c.confirmation.at)}
            {c.confirmation.actedBy ? '，' + actedByLabel(c.confirmation.actedBy) : ''}
          </View>
        ) : null}
      </View>
      {c.confirmation?.kind === 'paper' ? <PaperPhoto contract={c} familyId={familyId} /> : null}
      <View className="section-title">签约服务做了多少</View>
      <View className="card">
        {c.performance.map((p) => (
          <View className="text" key={p.kind}>
            {p.label}：每年 {p.promisedPerYear} 次，到今天应做 {p.dueSoFar} 次，已做 {p.done} 次
          </View>
        ))}
      </View>
    </View>
  );
}
