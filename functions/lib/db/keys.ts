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
  // ledger (issue 6): contact log, its edit history, per-family summary, running counters, requests, hand-overs
  /** A contact entered in the ledger; `CONTACTLOG#` also holds messaging's `CONTACTLOG#ONLINE#…` items. */
  contactLog: (familyId: string, contactId: string) => ({ pk: `FAMILY#${familyId}`, sk: `CONTACTLOG#${contactId}` }),
  contactLogPrefix: 'CONTACTLOG#' as const,
  contactLogStaffSk: (date: string, familyId: string, contactId: string) => `CONTACTLOG#${date}#${familyId}#${contactId}`,
  /** GSI2: a township's contacts of one month, for the monthly ledger export. */
  contactLogMonthPk: (townshipId: string, month: string) => `CONTACTS#${townshipId}#${month}`,
  contactLogMonthSk: (date: string, familyId: string, contactId: string) => `${date}#${familyId}#${contactId}`,
  /** Written by messaging (issue 3) with a staff reply: one per staff, family and Beijing day. */
  onlineContactLog: (familyId: string, date: string, staffId: string) => ({ pk: `FAMILY#${familyId}`, sk: `CONTACTLOG#ONLINE#${date}#${staffId}` }),
  contactVersion: (familyId: string, contactId: string, version: number) => ({ pk: `FAMILY#${familyId}`, sk: `CONTACTVER#${contactId}#${String(version).padStart(6, '0')}` }),
  contactVersionPrefix: (contactId: string) => `CONTACTVER#${contactId}#`,
  ledgerSummary: (familyId: string) => ({ pk: `FAMILY#${familyId}`, sk: 'LEDGER' as const }),
  /** Families of a township (GSI1) or county (GSI2) by the day they were last contacted. */
  ledgerTownshipPk: (townshipId: string) => `LEDGER#${townshipId}`,
  ledgerTownshipSk: (lastContactOn: string, familyId: string) => `${lastContactOn}#${familyId}`,
  ledgerCountyPk: (countyId: string) => `LEDGER#${countyId}`,
  ledgerCountySk: (lastContactOn: string, townshipId: string, familyId: string) => `${lastContactOn}#${townshipId}#${familyId}`,
  statsPk: (countyId: string) => `STATS#${countyId}`,
  statsTownship: (countyId: string, townshipId: string) => ({ pk: `STATS#${countyId}`, sk: `TOWNSHIP#${townshipId}` }),
  statsWeek: (countyId: string, weekStart: string, townshipId: string) => ({ pk: `STATS#${countyId}`, sk: `WEEK#${weekStart}#${townshipId}` }),
  statsMonth: (countyId: string, month: string, townshipId: string) => ({ pk: `STATS#${countyId}`, sk: `MONTH#${month}#${townshipId}` }),
  handover: (familyId: string, at: string, id: string) => ({ pk: `FAMILY#${familyId}`, sk: `HANDOVER#${at}#${id}` }),
} as const;
