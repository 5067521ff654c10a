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
  // followups: one partition per member's health data, apart from the family partition
  healthPk: (memberId: string) => `HEALTH#${memberId}`,
  healthFile: (memberId: string) => ({ pk: `HEALTH#${memberId}`, sk: 'HFILE' as const }),
  followUpPlan: (memberId: string) => ({ pk: `HEALTH#${memberId}`, sk: 'PLAN' as const }),
  /** Sorted by time so the newest come first in a descending Query. */
  followUp: (memberId: string, at: Date, followUpId: string) => ({ pk: `HEALTH#${memberId}`, sk: `FU#${String(at.getTime()).padStart(15, '0')}#${followUpId}` }),
  followUpPrefix: 'FU#',
  prescription: (memberId: string, prescriptionId: string) => ({ pk: `HEALTH#${memberId}`, sk: `RX#${prescriptionId}` }),
  refill: (memberId: string, prescriptionId: string, refillId: string) => ({ pk: `HEALTH#${memberId}`, sk: `RX#${prescriptionId}#RF#${refillId}` }),
  /** Doctor's queue (GSI1 STAFF#<doctorId>): the plan sorts by the day it needs the doctor. */
  planQueueSk: (queueDate: string, memberId: string) => `FOLLOWUP-PLAN#${queueDate}#${memberId}`,
  planQueuePrefix: 'FOLLOWUP-PLAN#',
  /** Agreed with booking (issue 4) and consultations (issue 3): their items in the doctor's partition. */
  dischargeQueuePrefix: 'DISCHARGE#',
  followUpItemQueuePrefix: 'FOLLOWUP-ITEM#',
  refillQueueSk: (submittedAt: Date, refillId: string) => `REFILL#${String(submittedAt.getTime()).padStart(15, '0')}#${refillId}`,
  refillQueuePrefix: 'REFILL#',
  idempotency: (callerId: string, scope: string, keyHash: string) => ({ pk: `IDEM#${callerId}`, sk: `${scope}#${keyHash}` }),
} as const;
