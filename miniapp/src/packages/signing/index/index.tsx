import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { formatChineseDate, type FamilySigningResponse, type MemberSigningStatus, optionalPackageIds, type PackageId, teamRoleLabels } from '@domain';
import { newIdempotencyKey, signingApi } from '../../../api/signing';
import { ApiFailure } from '../../../api/errors';
import { Btn } from '../../../components/Btn';
import { CheckChoice } from '../../../components/Choice';
import { FlashNotice, Notice } from '../../../components/Notice';
import { RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useFormSend } from '../../../lib/form';
import { flash } from '../../../lib/flash';
import { useRemote } from '../../../lib/remote';
import { paths, withQuery } from '../../../lib/routes';
import { Whole } from '../../../components/Whole';

/**
 * 签约家庭医生: the team that serves the family's village, what the packages include, and for
 * each member where the signing stands. A member who is not signed chooses optional packages and
 * applies in one tap; a signed one opens the contract.
 */
export default function SigningHome() {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    return { me, data: await signingApi.family(me.familyId) };
  });
  // Back from the contract or signature page: show what changed.
  useDidShow(() => {
    if (state.status === 'ready') void reload(true);
  });

  return (
    <View className="page">
      <FlashNotice />
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <SigningView data={state.data.data} myId={state.data.me.personId} onChanged={() => void reload(true)} /> : null}
    </View>
  );
}

function SigningView({ data, myId, onChanged }: { data: FamilySigningResponse; myId: string; onChanged: () => void }) {
  // The signed-in member first: the page is mainly about them.
  const members = [...data.members].sort((a, b) => (a.personId === myId ? -1 : b.personId === myId ? 1 : 0));
  return (
    <View>
      <View className="h1">签约家庭医生</View>
      {data.team ? (
        <View className="card">
          <View className="badge">{data.team.povertyForm ? '“1+1+1”健康帮扶团队' : '家庭医生团队'}</View>
          <View className="h2">{data.team.name}</View>
          <View className="text soft">服务：{data.team.villageNames.join('、')}</View>
          {data.team.members.map((m) => (
            <View className="text" key={m.personId}>
              {m.name}，{teamRoleLabels[m.role]}
              {m.isLead ? '（团队长）' : ''}，{m.organisation}
            </View>
          ))}
        </View>
      ) : (
        <Notice tone="warning">{data.villageName}还没有家庭医生团队，请联系村（社区）联系人。</Notice>
      )}
      {members.map((m) => (
        <MemberCard key={m.personId} member={m} familyId={data.familyId} canApply={Boolean(data.team)} packages={data.packages} onChanged={onChanged} />
      ))}
      <View className="section-title mt">服务包包括什么</View>
      {data.packages.map((p) => (
        <View className="card" key={p.packageId}>
          <View className="h3">
            {p.name}（{p.feeYuan === 0 ? '免费' : `每年 ${p.feeYuan} 元`}）
          </View>
          {p.contents.map((c) => (
            <View className="text" key={c}>
              · {c}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

function MemberCard({
  member,
  familyId,
  canApply,
  packages,
  onChanged,
}: {
  member: MemberSigningStatus;
  familyId: string;
  canApply: boolean;
  packages: FamilySigningResponse['packages'];
  onChanged: () => void;
}) {
  const [chosen, setChosen] = useState<PackageId[]>([]);
  const { busy, failure: error, send } = useFormSend();
  // One key per attempt: a retry after a lost answer finds the same application.
  const [key, setKey] = useState(newIdempotencyKey);
  const open = () => Taro.navigateTo({ url: withQuery(paths.signingContract, { memberId: member.personId }) });

  const apply = async () => {
    if (!(await send(() => signingApi.apply(familyId, member.personId, chosen, key)))) return;
    setKey(newIdempotencyKey());
    flash('申请已提交，等家庭医生团队答复');
    onChanged();
  };

  return (
    <View className="card">
      <View className="h2">
        {member.name}（{member.relation}）
      </View>
      {member.state === 'signed' ? (
        <View>
          <View className="badge">已签约</View>
          <View className="text">
            <Whole>签约到 {member.endDate ? formatChineseDate(member.endDate) : ''}</Whole>
          </View>
          <Btn icon="arrowRight" onClick={open}>
            查看签约和服务记录
          </Btn>
        </View>
      ) : member.state === 'applied' && member.application ? (
        <Notice tone="info">
          已提交签约申请，{member.application.teamName}会在 {formatChineseDate(member.application.deadline)} 前答复。
        </Notice>
      ) : (
        <View>
          {member.state === 'declined' && member.application?.declineReason ? (
            <Notice tone="warning">上次申请没有通过：{member.application.declineReason}。可以再次申请。</Notice>
          ) : null}
          {member.state === 'terminated' ? <Notice tone="info">原来的签约已解除，可以重新申请。</Notice> : null}
          <View className="text">基础服务包免费，一定包含。想加选的服务包请勾选：</View>
          {optionalPackageIds.map((id) => (
            <CheckChoice key={id} checked={chosen.includes(id)} onChange={(on) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)))}>
              {packages.find((p) => p.packageId === id)?.name ?? id}
            </CheckChoice>
          ))}
          {error ? <Notice tone="error">{error}</Notice> : null}
          {canApply ? (
            <Btn big busy={busy} busyText="正在提交…" onClick={() => void apply()}>
              申请签约
            </Btn>
          ) : null}
        </View>
      )}
    </View>
  );
}
