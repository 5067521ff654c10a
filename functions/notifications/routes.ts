import { allRoles } from '../../domain/roles';
import type { RouteDef } from '../routes';

/** Subscription messages: what the caller agreed to receive, counted server-side. */
export const notificationsRoutes = [
  { id: 'me.grantSubscriptions', method: 'POST', path: '/me/subscriptions', handler: 'notifications/grant-subscriptions', access: { kind: 'roles', roles: allRoles }, summary: 'Record the subscription-message templates the user just accepted (one message each)', idempotent: true },
  { id: 'me.getSubscriptions', method: 'GET', path: '/me/subscriptions', handler: 'notifications/get-subscriptions', access: { kind: 'roles', roles: allRoles }, summary: "The caller's remaining subscription messages per template" },
] as const satisfies readonly RouteDef[];
