import { useState } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../../api/client';
import { Btn } from '../../../components/Btn';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Notice } from '../../../components/Notice';
import { callPhone } from '../../../lib/phone';
import { useFormSend } from '../../../lib/form';

interface Target {
  familyId: string;
  personId: string;
  name: string;
}

/**
 * Staff see only masked numbers. Calling a member means reading the full number, which the server
 * records and the family can see, so the user is told and asked first.
 */
export function useRevealCall() {
  const [target, setTarget] = useState<Target | null>(null);
  const reveal = useFormSend();
  // Whose number is being fetched: the busy state belongs to that person's call button.
  const [calling, setCalling] = useState<string | null>(null);
  const busy = reveal.busy ? calling : null;
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const error = reveal.failure;

  const confirm = async () => {
    const t = target;
    setTarget(null);
    if (!t) return;
    setCalling(t.personId);
    await reveal.send(async () => {
      const { phone } = await api.revealPhone(t.familyId, t.personId);
      setRevealed((r) => ({ ...r, [t.personId]: phone }));
      await callPhone(phone);
    });
  };

  const dialog = (
    <ConfirmDialog
      open={target !== null}
      title={target ? `给${target.name}打电话` : ''}
      message="查看完整号码会被记录，家庭可以看到。继续吗？"
      confirmText="继续拨打"
      onConfirm={() => void confirm()}
      onCancel={() => setTarget(null)}
    />
  );

  const errorNotice = error ? (
    <View>
      <Notice tone="error">{error}</Notice>
    </View>
  ) : null;

  return {
    ask: (t: Target) => {
      // A number already read in this visit is called again without a second audit entry.
      if (revealed[t.personId]) void callPhone(revealed[t.personId]);
      else setTarget(t);
    },
    busy,
    revealed,
    dialog,
    errorNotice,
  };
}

/** The 拨打 button for one member: asks first, then reveals the number (audited) and dials. */
export function RevealCallButton({ reveal, familyId, member }: { reveal: ReturnType<typeof useRevealCall>; familyId: string; member: { personId: string; name: string } }) {
  return (
    <Btn
      kind="call"
      icon="phone"
      busy={reveal.busy === member.personId}
      busyText="正在拨号…"
      onClick={() => reveal.ask({ familyId, personId: member.personId, name: member.name })}
    >
      拨打
    </Btn>
  );
}
