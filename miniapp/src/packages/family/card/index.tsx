import { useEffect, useMemo, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Image, View } from '@tarojs/components';
import { CARD_TOKEN_TTL_SECONDS, formatChineseDate, SERVICE_CARD, type ServiceCardResponse } from '@domain';
import { api } from '../../../api/client';
import { isH5 } from '../../../api/config';
import { ApiFailure } from '../../../api/errors';
import { Btn } from '../../../components/Btn';
import { Icon } from '../../../components/Icon';
import { Notice } from '../../../components/Notice';
import { ErrorState, Loading } from '../../../components/PageState';
import { formatTime } from '../../../lib/format';
import { requireMe } from '../../../lib/guard';
import { useRemote } from '../../../lib/remote';
import { qrDataUrl } from './qr';
import './index.scss';
import { Whole } from '../../../components/Whole';

/** Renew a little before the token expires, so what a nurse scans is never stale. */
const RENEW_EARLY_MS = 30 * 1000;

function QrCode({ card }: { card: ServiceCardResponse }) {
  const src = useMemo(() => (card.qr ? qrDataUrl(card.qr.content) : ''), [card.qr]);
  if (!card.qr) return null;
  return (
    <View className="qr-wrap">
      <Image
        className="qr"
        src={src}
        // Square image in a square box: fill it exactly (aspectFit centres by absolute
        // positioning on H5, which inherited text-align pushed off-centre).
        mode="scaleToFill"
        aria-label={`${SERVICE_CARD}二维码`}
        nativeProps={isH5 ? { alt: `${SERVICE_CARD}二维码，请医院工作人员扫描` } : undefined}
      />
      <View className="text-lg strong mt">请把二维码给医院工作人员扫描</View>
      <View className="text">
        二维码 {Math.round(CARD_TOKEN_TTL_SECONDS / 60)} 分钟内有效，过期自动更新。
      </View>
      <View className="text soft">
        <Whole>本次有效到 {formatTime(card.qr.expiresAt)}</Whole>
      </View>
    </View>
  );
}

export default function Card() {
  const { state, reload } = useRemote(
    async () => {
      const me = await requireMe();
      if (!me.familyId) throw new ApiFailure('http', 404, '没有找到您家的登记信息，请联系村（社区）联系人');
      return api.serviceCard(me.familyId);
    },
    { auto: false },
  );

  // A fresh code every time the page is shown (back from the background, back from another page);
  // once a card is on screen it stays there while the new code loads.
  const shown = useRef(false);
  shown.current = state.status === 'ready';
  useDidShow(() => {
    void reload(shown.current);
  });

  const expiresAt = state.status === 'ready' ? state.data.qr?.expiresAt : undefined;
  useEffect(() => {
    if (!expiresAt) return;
    const wait = Math.max(Date.parse(expiresAt) - Date.now() - RENEW_EARLY_MS, 5000);
    const timer = setTimeout(() => void reload(true), wait);
    return () => clearTimeout(timer);
  }, [expiresAt, reload]);

  if (state.status === 'loading') return <View className="page"><Loading /></View>;
  if (state.status === 'error') return <View className="page"><ErrorState message={state.message} retry={state.retry} onRetry={() => void reload()} /></View>;

  const card = state.data;
  const active = card.status === 'active';
  return (
    <View className="page">
      <View className="card service-card">
        <View className="h2">{SERVICE_CARD}</View>
        <View className="text soft">计划生育特殊家庭优先就医</View>
        <View className="text soft mt">卡号</View>
        <View className="card-no">{card.cardNo}</View>
        <View className={`status ${active ? 'status--active' : 'status--revoked'}`}>
          <Icon name={active ? 'check' : 'close'} size="l" />
          {active ? '有效' : '已停用'}
        </View>
        {active ? <QrCode card={card} /> : null}
      </View>

      {!active ? (
        <Notice tone="error">
          <View className="h3">这张卡已停用</View>
          <View className="text">如果您家已经领了新卡，请重新打开本页。如有疑问，请联系村（社区）联系人。</View>
        </Notice>
      ) : null}

      <View className="card">
        <View className="h3">持卡人</View>
        {card.holders.map((h) => (
          <View className="text-lg" key={`${h.name}-${h.relation}`}>
            {h.name}（{h.relation}）
          </View>
        ))}
        <View className="text mt">
          <Whole>发卡日期：{formatChineseDate(card.issuedOn)}</Whole>
        </View>
        <View className="text">发卡单位：{card.issuer}</View>
        {card.handedOver ? (
          <View className="text">
            {formatChineseDate(card.handedOver.on)} 由 {card.handedOver.byName} 交到您手中
          </View>
        ) : null}
      </View>

      <View className="card">
        <View className="h3">凭此卡在定点医院享受</View>
        {card.priorities.map((p) => (
          <View className="priority" key={p}>
            <Icon name="check" />
            {p}
          </View>
        ))}
      </View>

      {active ? (
        <Btn kind="secondary" icon="refresh" onClick={() => void reload(true)}>
          更新二维码
        </Btn>
      ) : null}
    </View>
  );
}
