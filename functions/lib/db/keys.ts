import { randomUUID } from 'node:crypto';

/** Key builders: the only place key strings are spelled. See table-definition.ts for the patterns. */
export const keys = {
  person: (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' as const }),
  personByPhone: (phoneIndex: string) => `PHONE#${phoneIndex}`,
  /** Append-only: one item per consent decision, in time order. */
  consentLogEntry: (personId: string, at: Date) => ({ pk: `PERSON#${personId}`, sk: `CONSENT#${String(at.getTime()).padStart(15, '0')}#${randomUUID()}` }),
  binding: (openid: string) => ({ pk: `OPENID#${openid}`, sk: 'BINDING' as const }),
  familyPk: (familyId: string) => `FAMILY#${familyId}`,
  familyProfile: (familyId: string) => ({ pk: `FAMILY#${familyId}`, sk: 'FAMILY' as const }),
  familyContact: (familyId: string, staffId: string) => ({ pk: `FAMILY#${familyId}`, sk: `FAMILY#CONTACT#${staffId}` }),
  familySigning: (familyId: string, memberId: string) => ({ pk: `FAMILY#${familyId}`, sk: `FAMILY#SIGN#${memberId}` }),
  staffPk: (staffId: string) => `STAFF#${staffId}`,
  staffFamilySk: (familyId: string) => `FAMILY#${familyId}`,
  staffMemberSk: (memberId: string) => `MEMBER#${memberId}`,
  townshipPk: (townshipId: string) => `TOWNSHIP#${townshipId}`,
  townshipFamilySk: (villageId: string, familyId: string) => `FAMILY#${villageId}#${familyId}`,
  countyPk: (countyId: string) => `COUNTY#${countyId}`,
  countyFamilySk: (townshipId: string, villageId: string, familyId: string) => `FAMILY#${townshipId}#${villageId}#${familyId}`,
  auditPk: (familyId: string) => `AUDIT#${familyId}`,
  bindRateLimit: (openid: string) => ({ pk: `RATE#bind#${openid}`, sk: 'WINDOW' as const }),
  outbox: (outboxId: string) => ({ pk: `OUTBOX#${outboxId}`, sk: 'OUTBOX' as const }),
  /** GSI2 partition of pending outbox items, sorted by when they are due (UTC ISO + id). */
  outboxDuePk: 'OUTBOX#DUE',
  subscription: (personId: string, template: string) => ({ pk: `PERSON#${personId}`, sk: `SUBSCRIPTION#${template}` }),
  subscriptionPrefix: 'SUBSCRIPTION#',
  // messaging (issue 3)
  /** A creating POST's Idempotency-Key, kept beside what it created (same partition, TTL). */
  idempotency: (pk: string, callerId: string, key: string) => ({ pk, sk: `IDEMPOTENCY#${callerId}#${key}` }),
  /** A family's conversation with a contact person: one thread per family × contact. */
  conversationThreadId: (familyId: string, staffId: string) => `c.${familyId}.${staffId}`,
  threadPk: (threadId: string) => `THREAD#${threadId}`,
  /** Sorts after every MSG#, so the newest-first list Query reads it first. */
  threadMeta: (threadId: string) => ({ pk: `THREAD#${threadId}`, sk: '~META' as const }),
  /** The thread's inbox entry while nothing waits for the staff side (GSI1 INBOX#<staff>, B#…). */
  threadAnswered: (threadId: string) => ({ pk: `THREAD#${threadId}`, sk: '~INBOX' as const }),
  message: (threadId: string, messageId: string) => ({ pk: `THREAD#${threadId}`, sk: `MSG#${messageId}` }),
  messagePrefix: 'MSG#',
  inboxPk: (staffId: string) => `INBOX#${staffId}`,
  familyThreadsPk: (familyId: string) => `THREADS#${familyId}`,
  /** Ledger link (issue 6): one per staff member, family and Beijing day with an online reply. */
  contactLogOnline: (familyId: string, date: string, staffId: string) => ({ pk: `FAMILY#${familyId}`, sk: `CONTACTLOG#ONLINE#${date}#${staffId}` }),
  contactLogStaffSk: (date: string, familyId: string) => `CONTACTLOG#${date}#${familyId}`,
  /** A follow-up item a doctor made from a consultation answer (issue 5 reads it). */
  followUpItem: (familyId: string, id: string) => ({ pk: `FAMILY#${familyId}`, sk: `FOLLOWUP-ITEM#${id}` }),
  followUpStaffSk: (dueBy: string, id: string) => `FOLLOWUP-ITEM#${dueBy}#${id}`,
} as const;
