import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../api/client';
import { isH5 } from '../../api/config';
import { devOpenid, loadSession, saveMe } from '../../api/session';
import { ErrorState, Loading } from '../../components/PageState';
import { handleFailure } from '../../lib/remote';
import { goHome, goLogin } from '../../lib/routes';

/**
 * The start page decides where the user belongs: no session → login; privacy guide not agreed (or
 * changed since) → the guide; otherwise the home page of their role. GET /me both checks that the
 * stored token still works (re-logging in silently if not) and picks up changes made elsewhere.
 */
export default function Index() {
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    if (!loadSession() && !(isH5 && devOpenid())) {
      goLogin();
      return;
    }
    try {
      const me = await api.me();
      saveMe(me);
      goHome(me);
    } catch (err) {
      setError(handleFailure(err));
    }
  };

  useEffect(() => {
    void start();
  }, []);

  return (
    <View className="page">
      <View className="h1 mt">连心</View>
      <View className="text-lg soft">计划生育特殊家庭的联系人、家庭医生和优先就医服务</View>
      {error ? <ErrorState message={error} onRetry={() => void start()} /> : <Loading text="正在打开，请稍候…" />}
    </View>
  );
}
