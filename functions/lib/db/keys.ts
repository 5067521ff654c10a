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
  // signing
  team: (teamId: string) => ({ pk: `TEAM#${teamId}`, sk: 'TEAM' as const }),
  teamMember: (teamId: string, staffId: string) => ({ pk: `TEAM#${teamId}`, sk: `MEMBER#${staffId}` }),
  teamPk: (teamId: string) => `TEAM#${teamId}`,
  staffTeamSk: (teamId: string) => `TEAM#${teamId}`,
  villageTeam: (villageId: string) => ({ pk: `VILLAGE#${villageId}`, sk: 'TEAM' as const }),
  signingPk: (memberId: string) => `SIGNING#${memberId}`,
  /** The member's signing state and the one-active-contract guard. */
  signingState: (memberId: string) => ({ pk: `SIGNING#${memberId}`, sk: 'STATE' as const }),
  signingApplication: (memberId: string, applicationId: string) => ({ pk: `SIGNING#${memberId}`, sk: `APP#${applicationId}` }),
  signingContract: (memberId: string, contractId: string) => ({ pk: `SIGNING#${memberId}`, sk: `CONTRACT#${contractId}` }),
  signatureChunk: (memberId: string, contractId: string, index: number) => ({ pk: `SIGNING#${memberId}`, sk: `SIGNATURE#${contractId}#${index}` }),
  /** GSI1 sort key of a pending application in its team lead's partition, by deadline. */
  leadApplicationSk: (deadline: string, applicationId: string) => `SIGNAPP#${deadline}#${applicationId}`,
  /** GSI1 sort key of an active contract in its team's partition, by end date. */
  teamContractSk: (endDate: string, contractId: string) => `END#${endDate}#${contractId}`,
  coverageTownshipPk: (townshipId: string) => `SIGNCOV#${townshipId}`,
  coverageCountyPk: (countyId: string) => `SIGNCOV#${countyId}`,
  coverageSk: (townshipId: string, memberId: string) => `${townshipId}#${memberId}`,
  policyPk: (familyId: string) => `POLICY#${familyId}`,
  policyContract: (familyId: string) => ({ pk: `POLICY#${familyId}`, sk: 'CONTRACT' as const }),
  costEntry: (familyId: string, visitDate: string, entryId: string) => ({ pk: `POLICY#${familyId}`, sk: `COST#${visitDate}#${entryId}` }),
  staffPolicySk: (familyId: string) => `POLICY#${familyId}`,
  subscriptionPrefix: 'SUBSCRIPTION#',
  // messaging (issue 3)
  /** A creating POST's Idempotency-Key, kept beside what it created (same partition, TTL). */
  idempotency: (pk: string, callerId: string, key: string) => ({ pk, sk: `IDEMPOTENCY#${callerId}#${key}` }),
} as const;
