import { useState } from 'react';
import { View } from '@tarojs/components';
import { addMonths, CHANGE_LIST_MAX_MONTHS } from '@domain';
import { changesApi } from '../../../api/changes';
import { Btn } from '../../../components/Btn';
import { DateField } from '../../../components/DateTimeField';
import { Notice } from '../../../components/Notice';
import { useFormSend } from '../../../lib/form';
import { saveFile } from '../save-file';

/**
 * 变更清单: what changed since a chosen day (families, members, contacts, contracts), as Excel
 * in the provincial system's column order, so the cadre copies instead of retyping.
 */
export function ChangeListSection({ today }: { today: string }) {
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const { busy, errors, failure, send } = useFormSend();
  const download = () => send(async () => saveFile(await changesApi.exportChanges(from)));
  return (
    <View className="card" id="change-list">
      <View className="h2">变更清单（报省特扶系统用）</View>
      <View className="text mb">家庭、成员、联系人和签约的变更，每列与省系统对应，可直接复制。</View>
      <DateField id="change-list-from" label="从哪一天起的变更" hint="到今天为止，最早可选 12 个月前" value={from} start={addMonths(today, -CHANGE_LIST_MAX_MONTHS)} end={today} error={errors['query.from']} onChange={setFrom} />
      {failure ? (
        <Notice tone="error" icon="tips">
          {failure}
        </Notice>
      ) : null}
      <Btn big icon="arrowRight" busy={busy} busyText="正在生成…" onClick={download}>
        下载变更清单
      </Btn>
    </View>
  );
}
