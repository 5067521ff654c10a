import type { RouteDef } from '../routes';

/** The problem ledger (问题台账 / 整改): commission staff raise and follow problems; the responsible person rectifies. */
export const problemsRoutes = [
  { id: 'problems.create', method: 'POST', path: '/commission/problems', handler: 'problems/create-problem', access: { kind: 'roles', roles: ['commission'] }, summary: 'Raise a problem of a township of the caller, by hand or from a gap, with its responsible people, measures and deadline', idempotent: true },
  { id: 'problems.list', method: 'GET', path: '/commission/problems', handler: 'problems/list-problems', access: { kind: 'roles', roles: ['commission'] }, summary: "The problems of the caller's county or township, with how many are open, overdue and rectified" },
  { id: 'problems.update', method: 'PUT', path: '/commission/problems/{problemId}', handler: 'problems/update-problem', access: { kind: 'roles', roles: ['commission'] }, summary: "Change an open problem's measures, deadline or people (version-checked)" },
  { id: 'problems.rectify', method: 'POST', path: '/problems/{problemId}/rectify', handler: 'problems/rectify-problem', access: { kind: 'roles', roles: ['contact', 'doctor', 'commission'] }, summary: 'Record the rectification of a problem, with what was done, by its responsible person or a commission officer over it' },
  { id: 'problems.listMine', method: 'GET', path: '/problems/mine', handler: 'problems/list-my-problems', access: { kind: 'roles', roles: ['contact', 'doctor', 'commission'] }, summary: 'The problems the caller is responsible for rectifying, soonest deadline first' },
] as const satisfies readonly RouteDef[];
