import type { SpawnedStack } from '../local/spawn';
import { login } from './ddb-requests';

/**
 * DynamoDB requests per call on the signing paths, with their budgets, on a fresh demo
 * county: 沈丽华 (p_m0015) applies, the 柳林乡 team lead (p_doc04) lists and accepts, the member
 * and her responsible doctor (p_doc03) read the contract with its performance summary.
 * `x-lianxin-ddb-operations` shows that accept's write is one TransactWriteItems.
 */
interface Measured {
  routeId: string;
  as: string;
  status: number;
  requests: number;
  operations: string[];
  budget?: number;
  budgetNote?: string;
  withinBudget: boolean;
}

export async function measureSigning(stack: SpawnedStack): Promise<Measured[]> {
  const results: Measured[] = [];
  const callAs = async (routeId: string, as: string, method: string, path: string, body?: unknown, budget?: { max: number; note: string; check?: (ops: string[]) => boolean }) => {
    const { token } = await login(stack, as);
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const requests = Number(res.headers.get('x-lianxin-ddb-requests'));
    const operations = (res.headers.get('x-lianxin-ddb-operations') ?? '').split(',').filter(Boolean);
    const ok = res.status < 300 && (!budget || (requests <= budget.max && (budget.check?.(operations) ?? true)));
    results.push({ routeId, as, status: res.status, requests, operations, budget: budget?.max, budgetNote: budget?.note, withinBudget: ok });
    return (await res.json()) as Record<string, string>;
  };

  const app = await callAs('signing.apply', 'p_m0015', 'POST', '/families/f_0009/signing/applications', { memberId: 'p_m0015' });
  await callAs('signing.listApplications', 'p_doc04', 'GET', '/team/applications', undefined, { max: 1, note: "the team's pending applications: 1 Query" });
  const contract = await callAs('signing.accept', 'p_doc04', 'POST', `/team/applications/p_m0015/${app.applicationId}/accept`, {}, {
    max: 2,
    note: 'accept: 1 TransactWriteItems (after one GetItem of the application)',
    check: (ops) => ops.filter((o) => o === 'TransactWriteItemsCommand').length === 1,
  });
  await callAs('signing.getContracts (member)', 'p_m0015', 'GET', '/families/f_0009/members/p_m0015/contracts', undefined, { max: 2, note: "a member's contract with its performance summary: <= 2" });
  await callAs('signing.getContracts (doctor)', 'p_doc03', 'GET', '/families/f_0009/members/p_m0015/contracts', undefined, { max: 2, note: 'the same for the doctor (scope check + Query): <= 2' });
  await callAs('signing.getFamily', 'p_m0015', 'GET', '/families/f_0009/signing');
  await callAs('signing.listExpiring', 'p_doc04', 'GET', '/team/contracts/expiring', undefined, { max: 2, note: 'team lookup + 1 Query' });
  await callAs('signing.coverage', 'p_comm01', 'GET', '/commission/signing/coverage', undefined, { max: 1, note: 'one Query per region' });
  await callAs('policy.listFamilies', 'p_cadre02', 'GET', '/policy/families', undefined, { max: 1, note: 'one Query' });
  void contract;
  return results;
}
