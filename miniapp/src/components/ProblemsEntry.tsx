import Taro from '@tarojs/taro';
import { problemsApi } from '../api/problems';
import { useRemote } from '../lib/remote';
import { paths } from '../lib/routes';
import { Btn } from './Btn';
import { Notice } from './Notice';

/**
 * On a staff member's home page: the problems they answer for (问题台账), shown only when one is
 * still open, overdue ones said in words. One Query; nothing shown if it fails (the page's own
 * list matters more than this reminder).
 */
export function ProblemsEntry() {
  const { state } = useRemote(() => problemsApi.mine());
  if (state.status !== 'ready' || state.data.counts.open === 0) return null;
  const { open, overdue } = state.data.counts;
  return (
    <>
      <Notice tone={overdue > 0 ? 'warning' : 'info'}>
        您有 {open} 项整改任务{overdue > 0 ? `，其中 ${overdue} 项已过整改时限` : ''}。
      </Notice>
      <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url: paths.problems })}>
        我的整改任务
      </Btn>
    </>
  );
}
