import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { type AccessLogEntry, type ActingSetting, sensitiveFieldLabels } from '@domain';
import { actingApi } from '../../../api/acting';
import { api } from '../../../api/client';
import { isH5 } from '../../../api/config';
import { Btn } from '../../../components/Btn';
import { Notice } from '../../../components/Notice';
import { useFormSend } from '../../../lib/form';
import { ApiFailure } from '../../../api/errors';
import { Empty, LoadMore, RemoteStatus } from '../../../components/PageState';
import { formatDateTime, formatTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { usePaged } from '../../../lib/remote';

/** The day and time of a line: from the first to the last read when they differ. */
function when(e: AccessLogEntry): string {
  const first = formatDateTime(e.firstAt);
  return first === formatDateTime(e.at) ? first : `${first} 至 ${formatTime(e.at)}`;
}

/**
 * The family's own choice whether its contacts and doctor may act for it (代办). Hidden until
 * loaded; a failure to load leaves the log itself usable.
 */
function ActingSettingCard() {
  const [familyId, setFamilyId] = useState<string | null>(null);
  const [setting, setSetting] = useState<ActingSetting | null>(null);
  const form = useFormSend();
  useEffect(() => {
    void requireMe().then((me) => {
      if (!me.familyId) return;
      setFamilyId(me.familyId);
      actingApi.setting(me.familyId).then(setSetting, () => setSetting(null));
    });
  }, []);
  if (!familyId || !setting) return null;
  const change = async () => {
    await form.send(async () => setSetting(await actingApi.putSetting(familyId, { refused: !setting.refused })));
  };
  return (
    <View className="card" aria-label="代办设置">
      <View className="h3">联系人和医生代办</View>
      <View className="text">
        {setting.refused
          ? '您家已选择：不让工作人员代办。预约、床位、续方、诉求和回访都由家人自己办理。'
          : '您家的联系人和签约医生可以为您家代办预约、床位、续方、诉求和回访，每一件都会写明是谁代办，并记录在下面。'}
      </View>
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      <Btn kind="secondary" busy={form.busy} busyText="正在保存…" onClick={() => void change()}>
        {setting.refused ? '允许联系人和医生代办' : '不让工作人员代办'}
      </Btn>
    </View>
  );
}

/**
 * Every time staff read a full phone number or other sensitive data of this family; reads of one
 * kind by one person on one day come as one line with how many times (the server groups them).
 */
export default function AccessLog() {
  const loadPage = useCallback(async (cursor?: string) => {
    const me = await requireMe();
    if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
    return api.accessLog(me.familyId, cursor);
  }, []);
  const list = usePaged(loadPage);

  return (
    <View className="page">
      <View className="h1">谁查看了我家信息</View>
      <View className="text soft mb">工作人员查看您家人的完整手机号、健康信息、家庭类别等信息时，以及联系人、家庭医生为您家代办事情时，都会记录在这里。同一个人同一天多次查看同一类信息，合并为一条，并写明次数。</View>
      <ActingSettingCard />
      <RemoteStatus state={list.state} reload={list.reload} />
      {list.state.status === 'ready' && list.items.length === 0 ? <Empty text="还没有工作人员查看过您家的敏感信息。" /> : null}
      {/*
        The page scrolls inside the H5 router's page container; a long log has nothing to tab to,
        so the list itself takes keyboard focus (arrow keys then scroll it), with a name saying what it is.
      */}
      <View {...(isH5 ? { tabIndex: 0 } : {})} aria-label="查看记录列表" role="region">
        {list.items.map((e, i) => (
          <View className="card" key={`${e.at}-${i}`}>
            <View className="h3">{when(e)}</View>
            <View className="text-lg">
              {e.viewerName}（{e.viewerRoleLabel}）
            </View>
            <View className="text soft">{e.organisation}</View>
            {e.actedLabel ? (
              <View className="text mt">
                为{e.subjectName}代办了{e.actedLabel}
              </View>
            ) : e.field ? (
              <View className="text mt">
                查看了{e.subjectName}的{sensitiveFieldLabels[e.field]}
                {e.count > 1 ? ` ${e.count} 次` : ''}
              </View>
            ) : null}
          </View>
        ))}
      </View>
      <LoadMore list={list} />
    </View>
  );
}
