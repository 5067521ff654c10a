import { type ReactNode, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { type ContractView, formatChineseDate, type HomeVisitCandidate, optionalPackageIds, type PackageId, servicePackages } from '@domain';
import { newIdempotencyKey, signingApi } from '../../../api/signing';
import { Btn } from '../../../components/Btn';
import { CheckChoice } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { Empty, RemoteStatus } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/format';
import { useFormSend } from '../../../lib/form';
import { handleFailure, useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';

interface Visit {
  member: HomeVisitCandidate;
  optional: PackageId[];
  /** One key per visit: a retried tap returns the same contract. */
  key: string;
  contract?: ContractView;
}

// The visit in progress survives leaving the page (for the signature) and coming back.
let current: Visit | null = null;

/**
 * 上门签约 on the doctor's phone: pick an unsigned member of the team's villages, go over the
 * service package with them, make the contract (POST /team/home-visit-contracts), then hand the
 * phone over so the member draws their signature on the sign page; back here the contract shows
 * with its confirmation.
 */
export default function HomeVisit() {
  const [visit, setVisitState] = useState<Visit | null>(current);
  const setVisit = (v: Visit | null) => {
    current = v;
    setVisitState(v);
  };
  const { state, reload } = useRemote(() => signingApi.homeVisitCandidates());
  const { busy, failure: error, refuse, send } = useFormSend();

  useDidShow(() => {
    // Back from the signature: show the contract as the server now has it.
    const v = current;
    if (!v?.contract) return;
    signingApi
      .contracts(v.member.familyId, v.member.memberId)
      .then((res) => {
        if (res.current && current === v) setVisit({ ...v, contract: res.current });
      })
      .catch((err: unknown) => refuse({}, handleFailure(err)));
  });

  const sign = async (v: Visit) => {
    await send(async () => {
      const contract = await signingApi.signHomeVisit({ familyId: v.member.familyId, memberId: v.member.memberId, optionalPackages: v.optional }, v.key);
      setVisit({ ...v, contract });
      void Taro.navigateTo({ url: withQuery(paths.signingSign, { familyId: contract.familyId, memberId: contract.memberId, contractId: contract.contractId }) });
    });
  };

  if (visit?.contract) {
    const c = visit.contract;
    return (
      <View className="page">
        <View className="h1">上门签约</View>
        {c.confirmation ? (
          <Notice tone="ok">
            {c.memberName}已签字确认（{formatDateTime(c.confirmation.at)}），签约已生效。
          </Notice>
        ) : (
          <Notice tone="warning">签约已建立，还需要{c.memberName}本人在手机上签字确认。</Notice>
        )}
        <View className="card" id="home-visit-contract">
          <View className="h2">{c.memberName}的签约</View>
          <View className="text">团队：{c.teamName}</View>
          <View className="text">责任医生：{c.doctorName}</View>
          <View className="text">服务包：{c.packages.map((p) => p.name).join('、')}</View>
          <View className="text">
            {formatChineseDate(c.startDate)} 至 {formatChineseDate(c.endDate)}
          </View>
        </View>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <View className="stack mt">
          {c.confirmation ? null : (
            <Btn big onClick={() => void Taro.navigateTo({ url: withQuery(paths.signingSign, { familyId: c.familyId, memberId: c.memberId, contractId: c.contractId }) })}>
              请本人签字确认
            </Btn>
          )}
          <Btn
            kind={c.confirmation ? 'primary' : 'secondary'}
            onClick={() => {
              setVisit(null);
              void reload(true);
            }}
          >
            为下一位成员签约
          </Btn>
        </View>
      </View>
    );
  }

  if (visit) {
    const m = visit.member;
    const basic = servicePackages.basic;
    return (
      <View className="page">
        <View className="h1">上门签约</View>
        <MemberCard m={m} />
        <View className="section-title">{basic.name}（免费）</View>
        {basic.contents.map((line) => (
          <View className="text" key={line}>
            · {line}
          </View>
        ))}
        <View className="section-title mt">本人愿意加选的服务包</View>
        {optionalPackageIds.map((id) => {
          const p = servicePackages[id];
          return (
            <CheckChoice
              key={id}
              checked={visit.optional.includes(id)}
              onChange={(on) => setVisit({ ...visit, optional: on ? [...visit.optional, id] : visit.optional.filter((x) => x !== id) })}
            >
              {p.name}（{p.feeYuan ? `每年 ${p.feeYuan} 元` : '免费'}）：{p.contents.join('、')}
            </CheckChoice>
          );
        })}
        {error ? <Notice tone="error">{error}</Notice> : null}
        <View className="stack mt">
          <Btn big busy={busy} busyText="正在签约…" onClick={() => void sign(visit)}>
            确认签约，请本人签字
          </Btn>
          <Btn kind="secondary" onClick={() => setVisit(null)}>
            换一位成员
          </Btn>
        </View>
      </View>
    );
  }

  return (
    <View className="page">
      <View className="h1">上门签约</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? (
        <View>
          {state.data.teamName ? <View className="text">{state.data.teamName}服务村里还没有签约的成员：</View> : null}
          {state.data.items.length === 0 ? <Empty text="本团队服务的村里没有等待签约的成员。" /> : null}
          {state.data.items.map((m) => (
            <MemberCard m={m} key={m.memberId}>
              <Btn kind="secondary" onClick={() => setVisit({ member: m, optional: [], key: newIdempotencyKey() })}>
                为{m.name}上门签约
              </Btn>
            </MemberCard>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function MemberCard({ m, children }: { m: HomeVisitCandidate; children?: ReactNode }) {
  return (
    <View className="card">
      <View className="h2">
        {m.name}，{m.age} 岁
      </View>
      <View className="text">
        {m.familyName}（{m.villageName}），{m.relation}
      </View>
      {children}
    </View>
  );
}
