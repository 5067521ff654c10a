import Taro from '@tarojs/taro';
import { PROBLEM_FAMILIES_MAX, type ProblemArea } from '@domain';
import { paths, withQuery } from '../lib/routes';
import { Btn } from './Btn';

export interface GapFamily {
  familyId: string;
  familyName: string;
}

/**
 * A gap on the dashboard or in the report raised as a problem (问题台账) in one tap: the problem
 * form opens filled in with the township, the kind, what is wrong (the gap's words and the
 * families' names) and the families behind it, so the officer adds only who answers and by when.
 */
export function RaiseProblem({ townshipId, townshipName, area, gap, what, families }: { townshipId: string; townshipName: string; area: ProblemArea; gap: string; what: string; families: GapFamily[] }) {
  if (families.length === 0) return null;
  const named = families.slice(0, PROBLEM_FAMILIES_MAX);
  const url = withQuery(paths.problemEdit, {
    townshipId,
    area,
    gap,
    description: `${townshipName}${families.length} 户家庭${what}：${named.map((f) => f.familyName).join('、')}`,
    familyIds: named.map((f) => f.familyId).join(','),
    familyNames: named.map((f) => f.familyName).join(','),
  });
  return (
    <Btn kind="secondary" icon="arrowRight" onClick={() => void Taro.navigateTo({ url })}>
      {`列入问题台账：${townshipName} ${families.length} 户`}
    </Btn>
  );
}
