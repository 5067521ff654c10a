import type { ReactElement } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { MemberHealthResponse } from '@domain';
import { followupsApi } from '../../../api/followups';
import { RemoteStatus } from '../../../components/PageState';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';

export interface MemberHealthFormProps {
  data: MemberHealthResponse;
  familyId: string;
  memberId: string;
}

/**
 * The page around a doctor's form about one member (health file, long prescription): the member
 * from the page's query, their health data loaded with loading and error states, the title, and
 * the form once the data is there. The form owns what is typed, so a reload never clears it.
 */
export function MemberHealthShell({ title, Form }: { title: string; Form: (props: MemberHealthFormProps) => ReactElement | null }) {
  const { params } = useRouter();
  const familyId = params.familyId ?? '';
  const memberId = params.memberId ?? '';
  const { state, reload } = useRemote(async () => {
    await requireMe();
    return followupsApi.health(familyId, memberId);
  });
  return (
    <View className="page">
      <View className="h1">{title}</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' ? <Form data={state.data} familyId={familyId} memberId={memberId} /> : null}
    </View>
  );
}
