import type { RouteDef } from '../routes';

/** Conversations with contact persons, consultations with the family doctor, the staff inbox. */
export const messagingRoutes = [
  { id: 'messaging.presignConversationUpload', method: 'POST', path: '/families/{familyId}/conversations/{staffId}/uploads', handler: 'messaging/presign-conversation-upload', access: { kind: 'roles', roles: ['member', 'contact'], scope: 'family' }, summary: 'A presigned POST for one photo or voice clip in a conversation' },
] as const satisfies readonly RouteDef[];
