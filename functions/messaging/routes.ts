import type { RouteDef } from '../routes';

/**
 * Conversations with contact persons, consultations with the family doctor, the staff inbox. Every
 * thread route is family-scoped (a member: own family; a contact or doctor: FAMILY#CONTACT#<caller>
 * exists, read fresh), and the handler then checks the caller's place in that thread. The
 * consultation routes a doctor uses carry no route scope: the doctor's TEAM answers consultations,
 * and a nurse on the team is no contact of the family; consultationFor checks the member's family
 * from the token and a doctor's team from the consultation (functions/lib/messaging/consultation-access.ts).
 */
export const messagingRoutes = [
  { id: 'messaging.presignConversationUpload', method: 'POST', path: '/families/{familyId}/conversations/{staffId}/uploads', handler: 'messaging/presign-conversation-upload', access: { kind: 'roles', roles: ['member', 'contact'], scope: 'family' }, summary: 'A presigned POST for one photo or voice clip in a conversation' },
  { id: 'messaging.listConversationMessages', method: 'GET', path: '/families/{familyId}/conversations/{staffId}/messages', handler: 'messaging/list-conversation-messages', access: { kind: 'roles', roles: ['member', 'contact'], scope: 'family' }, summary: 'A page of a conversation, newest first, or what is new since a message' },
  { id: 'messaging.sendConversationMessage', method: 'POST', path: '/families/{familyId}/conversations/{staffId}/messages', handler: 'messaging/send-conversation-message', access: { kind: 'roles', roles: ['member', 'contact'], scope: 'family' }, summary: 'Send a message (text, photos or voice) in a conversation', idempotent: true },
  { id: 'messaging.readConversation', method: 'POST', path: '/families/{familyId}/conversations/{staffId}/read', handler: 'messaging/read-conversation', access: { kind: 'roles', roles: ['member', 'contact'], scope: 'family' }, summary: "Mark the other side's messages read" },
  { id: 'messaging.listFamilyThreads', method: 'GET', path: '/families/{familyId}/threads', handler: 'messaging/list-family-threads', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: "The family's conversations and consultations with unread counts" },
  { id: 'messaging.staffInbox', method: 'GET', path: '/staff/inbox', handler: 'messaging/staff-inbox', access: { kind: 'roles', roles: ['contact', 'doctor'] }, summary: 'Conversations and consultations waiting for the caller, then the rest' },
  { id: 'messaging.createConsultation', method: 'POST', path: '/families/{familyId}/consultations', handler: 'messaging/create-consultation', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: 'Open an online consultation with the family doctor (with triage)' },
  { id: 'messaging.presignConsultationUpload', method: 'POST', path: '/families/{familyId}/consultations/{consultationId}/uploads', handler: 'messaging/presign-consultation-upload', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: 'A presigned POST for one photo in a consultation' },
  { id: 'messaging.getConsultation', method: 'GET', path: '/families/{familyId}/consultations/{consultationId}', handler: 'messaging/get-consultation', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: 'A consultation: state, due time, urgency' },
  { id: 'messaging.listConsultationMessages', method: 'GET', path: '/families/{familyId}/consultations/{consultationId}/messages', handler: 'messaging/list-consultation-messages', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: 'A page of a consultation, newest first, or what is new since a message' },
  { id: 'messaging.sendConsultationMessage', method: 'POST', path: '/families/{familyId}/consultations/{consultationId}/messages', handler: 'messaging/send-consultation-message', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: "A member's question or the doctor's answer (optionally a follow-up item or a booking link)", idempotent: true },
  { id: 'messaging.readConsultation', method: 'POST', path: '/families/{familyId}/consultations/{consultationId}/read', handler: 'messaging/read-consultation', access: { kind: 'roles', roles: ['member', 'doctor'] }, summary: "Mark the other side's messages read" },
  { id: 'messaging.closeConsultation', method: 'POST', path: '/families/{familyId}/consultations/{consultationId}/close', handler: 'messaging/close-consultation', access: { kind: 'roles', roles: ['member'], scope: 'family' }, summary: 'The member ends a consultation' },
  { id: 'messaging.getMessagingStats', method: 'GET', path: '/commission/messaging', handler: 'messaging/get-messaging-stats', access: { kind: 'roles', roles: ['commission'] }, summary: 'Messaging counts and response times per township (never content)' },
] as const satisfies readonly RouteDef[];
