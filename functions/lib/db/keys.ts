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
  /** Whether staff may act for the family (代办); sorts before FAMILY, outside the profile-and-contacts range. */
  actingSetting: (familyId: string) => ({ pk: `FAMILY#${familyId}`, sk: 'ACTING' as const }),
  staffPk: (staffId: string) => `STAFF#${staffId}`,
  staffFamilySk: (familyId: string) => `FAMILY#${familyId}`,
  staffMemberSk: (memberId: string) => `MEMBER#${memberId}`,
  townshipPk: (townshipId: string) => `TOWNSHIP#${townshipId}`,
  townshipFamilySk: (villageId: string, familyId: string) => `FAMILY#${villageId}#${familyId}`,
  countyPk: (countyId: string) => `COUNTY#${countyId}`,
  /** A city and the counties it holds, for the city commission's report (one GetItem). */
  city: (cityId: string) => ({ pk: `CITY#${cityId}`, sk: 'CITY' as const }),
  countyFamilySk: (townshipId: string, villageId: string, familyId: string) => `FAMILY#${townshipId}#${villageId}#${familyId}`,
  /** GSI2 of a family moved out of the county: still listed for the months it was in the county (monthly export). */
  countyTransferredPk: (countyId: string) => `COUNTYOUT#${countyId}`,
  countyTransferredSk: (movedOn: string, townshipId: string, familyId: string) => `${movedOn}#${townshipId}#${familyId}`,
  auditPk: (familyId: string) => `AUDIT#${familyId}`,
  bindRateLimit: (openid: string) => ({ pk: `RATE#bind#${openid}`, sk: 'WINDOW' as const }),
  /** Wrong binding proofs against one identity: `person#<personId>` or `phone#<blind index>`. */
  bindLock: (target: string) => ({ pk: `LOCK#bind#${target}`, sk: 'LOCK' as const }),
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
  // information for families: the county's 帮扶 settings, articles, their feeds and family reads
  countySupport: (countyId: string) => ({ pk: `COUNTY#${countyId}`, sk: 'SUPPORT' as const }),
  // one per saved version of the county's measures (zero-padded: they list in order)
  countySupportChange: (countyId: string, version: number) => ({ pk: `COUNTY#${countyId}`, sk: `SUPPORT#CHANGE#${String(version).padStart(6, '0')}` }),
  article: (articleId: string) => ({ pk: `ARTICLE#${articleId}`, sk: 'ARTICLE' as const }),
  articlePk: (articleId: string) => `ARTICLE#${articleId}`,
  /** One per audience of an article; GSI1 puts it in the audience's feed. */
  articleAudience: (articleId: string, feed: string) => ({ pk: `ARTICLE#${articleId}`, sk: `TO#${feed}` }),
  articleFeedPk: (kind: 'COUNTY' | 'TOWNSHIP' | 'TEAM', id: string) => `FEED#${kind}#${id}`,
  articleFeedSk: (publishedAt: string, articleId: string) => `${publishedAt}#${articleId}`,
  /** GSI2: an author's articles, newest first. */
  articleAuthorPk: (personId: string) => `ARTICLES#${personId}`,
  /** A family opened the article (counted once per family). */
  articleRead: (familyId: string, articleId: string) => ({ pk: `ARTREAD#${familyId}`, sk: articleId }),
  // messaging
  // booking
  institution: (institutionId: string) => ({ pk: `INST#${institutionId}`, sk: 'PROFILE' as const }),
  institutionsPk: (countyId: string) => `INSTITUTIONS#${countyId}`,
  institutionsSk: (kind: string, institutionId: string) => `${kind}#${institutionId}`,
  /** GSI1: a county's retired institutions, apart so that booking and the sessions job never list them. */
  retiredInstitutionsPk: (countyId: string) => `INSTITUTIONS-RETIRED#${countyId}`,
  /** The counties that have institutions, for the daily sessions job (a table may hold several counties). */
  institutionCounty: (countyId: string) => ({ pk: 'INSTITUTION-COUNTIES', sk: `COUNTY#${countyId}` }),
  schedule: (institutionId: string, departmentId: string, weekday: number, period: string) => ({ pk: `INST#${institutionId}`, sk: `SCHED#${departmentId}#${weekday}#${period}` }),
  /** departmentId `ALL` closes every department that day (a holiday). */
  scheduleOverride: (institutionId: string, date: string, departmentId: string) => ({ pk: `INST#${institutionId}`, sk: `OVERRIDE#${date}#${departmentId}` }),
  sessionDayPk: (institutionId: string, date: string) => `SESSIONS#${institutionId}#${date}`,
  session: (institutionId: string, date: string, departmentId: string, period: string) => ({ pk: `SESSIONS#${institutionId}#${date}`, sk: `${departmentId}#${period}` }),
  booking: (bookingId: string) => ({ pk: `BOOKING#${bookingId}`, sk: 'BOOKING' as const }),
  /** GSI1: a family's bookings (sk = startsAt#bookingId) and waiting-list entries (sk = WAIT#…). */
  familyBookingsPk: (familyId: string) => `FAMBK#${familyId}`,
  familyBookingSk: (startsAt: string, bookingId: string) => `${startsAt}#${bookingId}`,
  familyWaitSk: (institutionId: string, sessionId: string, memberId: string) => `WAIT#${institutionId}#${sessionId}#${memberId}`,
  /** GSI2: an institution's bookings of one day, by department and period. */
  hospitalDayPk: (institutionId: string, date: string) => `HOSPDAY#${institutionId}#${date}`,
  hospitalDaySk: (departmentId: string, period: string, bookingId: string) => `${departmentId}#${period}#${bookingId}`,
  bookingGuard: (memberId: string, institutionId: string, sessionId: string) => ({ pk: `MEMBERBK#${memberId}`, sk: `GUARD#${institutionId}#${sessionId}` }),
  bookingCounter: (memberId: string) => ({ pk: `MEMBERBK#${memberId}`, sk: 'COUNTER' as const }),
  waitlistPk: (institutionId: string, sessionId: string) => `WAIT#${institutionId}#${sessionId}`,
  waitlistEntry: (institutionId: string, sessionId: string, memberId: string) => ({ pk: `WAIT#${institutionId}#${sessionId}`, sk: `M#${memberId}` }),
  /** GSI2 partition of open waiting-list offers, by expiry (UTC ISO). */
  offersDuePk: 'WAITOFFER#DUE',
  admission: (admissionId: string) => ({ pk: `ADMIT#${admissionId}`, sk: 'ADMIT' as const }),
  hospitalAdmissionsPk: (institutionId: string) => `HOSPADMIT#${institutionId}`,
  familyAdmissionsPk: (familyId: string) => `FAMADMIT#${familyId}`,
  dischargeNote: (familyId: string, admissionId: string) => ({ pk: `FAMILY#${familyId}`, sk: `DISCHARGE#${admissionId}` }),
  dischargeDueSk: (followUpDueBy: string, admissionId: string) => `DISCHARGE#${followUpDueBy}#${admissionId}`,
  // followups: one partition per member's health data, apart from the family partition
  healthPk: (memberId: string) => `HEALTH#${memberId}`,
  healthFile: (memberId: string) => ({ pk: `HEALTH#${memberId}`, sk: 'HFILE' as const }),
  followUpPlan: (memberId: string) => ({ pk: `HEALTH#${memberId}`, sk: 'PLAN' as const }),
  /** The member's double-signing tier state: the periods each tier was served in. */
  tierState: (memberId: string) => ({ pk: `HEALTH#${memberId}`, sk: 'TIERS' as const }),
  /** Sorted by time so the newest come first in a descending Query. */
  followUp: (memberId: string, at: Date, followUpId: string) => ({ pk: `HEALTH#${memberId}`, sk: `FU#${String(at.getTime()).padStart(15, '0')}#${followUpId}` }),
  followUpPrefix: 'FU#',
  /** The county's follow-up plans (GSI2 of the plan), by township: the report counts what was due. */
  followUpPlanRegionPk: (countyId: string) => `FUPLANS#${countyId}`,
  followUpPlanRegionSk: (townshipId: string, memberId: string) => `${townshipId}#${memberId}`,
  /** The doctors' visits and calls of a county's month, by township (written with the visit): what was done. */
  doctorFollowUpMonth: (countyId: string, month: string, townshipId: string, date: string, followUpId: string) => ({ pk: `DOCFU#${countyId}#${month}`, sk: `${townshipId}#${date}#${followUpId}` }),
  doctorFollowUpMonthPk: (countyId: string, month: string) => `DOCFU#${countyId}#${month}`,
  prescription: (memberId: string, prescriptionId: string) => ({ pk: `HEALTH#${memberId}`, sk: `RX#${prescriptionId}` }),
  refill: (memberId: string, prescriptionId: string, refillId: string) => ({ pk: `HEALTH#${memberId}`, sk: `RX#${prescriptionId}#RF#${refillId}` }),
  /** Doctor's queue (GSI1 STAFF#<doctorId>): the plan sorts by the day it needs the doctor. */
  planQueueSk: (queueDate: string, memberId: string) => `FOLLOWUP-PLAN#${queueDate}#${memberId}`,
  planQueuePrefix: 'FOLLOWUP-PLAN#',
  /** Shared by booking and consultations: their items in the doctor's partition. */
  dischargeQueuePrefix: 'DISCHARGE#',
  followUpItemQueuePrefix: 'FOLLOWUP-ITEM#',
  refillQueueSk: (submittedAt: Date, refillId: string) => `REFILL#${String(submittedAt.getTime()).padStart(15, '0')}#${refillId}`,
  refillQueuePrefix: 'REFILL#',
  /** An Idempotency-Key marker: per caller, route and hash of the key (functions/lib/db/idempotency-markers.ts). */
  idempotencyMarker: (callerId: string, routeId: string, keyHash: string) => ({ pk: `IDEM#${callerId}`, sk: `${routeId}#${keyHash}` }),
  // ledger: contact log, its edit history, per-family summary, running counters, requests, hand-overs
  /** A contact entered in the ledger; `CONTACTLOG#` also holds messaging's `CONTACTLOG#ONLINE#…` items. */
  contactLog: (familyId: string, contactId: string) => ({ pk: `FAMILY#${familyId}`, sk: `CONTACTLOG#${contactId}` }),
  contactLogPrefix: 'CONTACTLOG#' as const,
  contactLogStaffSk: (date: string, familyId: string, contactId: string) => `CONTACTLOG#${date}#${familyId}#${contactId}`,
  /** GSI2: a township's contacts of one month, for the monthly ledger export. */
  contactLogMonthPk: (townshipId: string, month: string) => `CONTACTS#${townshipId}#${month}`,
  contactLogMonthSk: (date: string, familyId: string, contactId: string) => `${date}#${familyId}#${contactId}`,
  /** Written by messaging with a staff reply: one per staff, family and Beijing day. */
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
  /** Which county a township id belongs to: taken once, so two counties cannot add the same township. */
  townshipClaim: (townshipId: string) => ({ pk: `TOWNSHIPCLAIM#${townshipId}`, sk: 'COUNTY' as const }),
  statsWeek: (countyId: string, weekStart: string, townshipId: string) => ({ pk: `STATS#${countyId}`, sk: `WEEK#${weekStart}#${townshipId}` }),
  statsMonth: (countyId: string, month: string, townshipId: string) => ({ pk: `STATS#${countyId}`, sk: `MONTH#${month}#${townshipId}` }),
  handover: (familyId: string, at: string, id: string) => ({ pk: `FAMILY#${familyId}`, sk: `HANDOVER#${at}#${id}` }),
  /** One contact person's urgent task (今天去看望) for one event; functions/lib/db/urgent-tasks.ts. */
  urgentTask: (familyId: string, taskId: string, staffId: string) => ({ pk: `FAMILY#${familyId}`, sk: `URGENT#${taskId}#${staffId}` }),
  /** GSI1 in the contact's STAFF# partition, only while the task is open (removed when visited). */
  urgentTaskStaffSk: (dueOn: string, familyId: string, taskId: string) => `URGENT#${dueOn}#${familyId}#${taskId}`,
  urgentTaskStaffPrefix: 'URGENT#' as const,
  /** GSI2: a township's hand-overs of one month, for the monthly ledger export's hand-over sheet. */
  handoverMonthPk: (townshipId: string, month: string) => `HANDOVERS#${townshipId}#${month}`,
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
  /** Ledger link: the staff index key of an online reply (base key: onlineContactLog above). */
  onlineContactStaffSk: (date: string, familyId: string) => `CONTACTLOG#${date}#${familyId}`,
  /** A follow-up item a doctor made from a consultation answer (the doctor's follow-up queue reads it). */
  followUpItem: (familyId: string, id: string) => ({ pk: `FAMILY#${familyId}`, sk: `FOLLOWUP-ITEM#${id}` }),
  followUpStaffSk: (dueBy: string, id: string) => `FOLLOWUP-ITEM#${dueBy}#${id}`,
  // signing teams: a region's teams, for the commission's team pages (GSI1 by township, GSI2 by county)
  teamsTownshipPk: (townshipId: string) => `TEAMS#${townshipId}`,
  teamsCountyPk: (countyId: string) => `TEAMS#${countyId}`,
  teamRegionSk: (townshipId: string, teamId: string) => `TEAM#${townshipId}#${teamId}`,
  // booking schedules: doctors and kept-session conflicts live in the institution's partition,
  // so the schedule page is one Query (profile, doctors, weekly slots, overrides, conflicts)
  doctor: (institutionId: string, doctorId: string) => ({ pk: `INST#${institutionId}`, sk: `DOCTOR#${doctorId}` }),
  scheduleConflict: (institutionId: string, sessionId: string) => ({ pk: `INST#${institutionId}`, sk: `CONFLICT#${sessionId}` }),
  // requests (诉求): the request with its timeline, the family's request summary, indexes, counters
  request: (familyId: string, requestId: string) => ({ pk: `FAMILY#${familyId}`, sk: `REQUEST#${requestId}` }),
  requestPrefix: 'REQUEST#' as const,
  /** Bumped by every create, so a hand-over that read the family's requests notices a new one. */
  familyRequests: (familyId: string) => ({ pk: `FAMILY#${familyId}`, sk: 'REQUESTS' as const }),
  /** GSI1 in the assignee's STAFF# partition: active by due date, closed by when they closed. */
  requestActiveStaffSk: (dueDate: string, requestId: string) => `REQUEST#A#${dueDate}#${requestId}`,
  requestActiveStaffPrefix: 'REQUEST#A#' as const,
  requestClosedStaffSk: (closedAt: string, requestId: string) => `REQUEST#Z#${closedAt}#${requestId}`,
  /** GSI2, only while active: a township's requests by due date (the overdue ones escalate). */
  requestTownshipPk: (townshipId: string) => `REQUESTS#${townshipId}`,
  requestTownshipSk: (dueDate: string, familyId: string, requestId: string) => `${dueDate}#${familyId}#${requestId}`,
  requestOverdueNoticeKey: (requestId: string) => `request.overdue#${requestId}`,
  requestStatsPk: (countyId: string) => `REQSTATS#${countyId}`,
  requestStats: (countyId: string, townshipId: string) => ({ pk: `REQSTATS#${countyId}`, sk: `TOWNSHIP#${townshipId}` }),
  survey: (familyId: string, quarter: string) => ({ pk: `FAMILY#${familyId}`, sk: `SURVEY#${quarter}` }),
  surveyStats: (countyId: string, quarter: string, townshipId: string) => ({ pk: `REQSTATS#${countyId}`, sk: `SURVEY#${quarter}#${townshipId}` }),
  // the problem ledger (问题台账): one item per problem; a county's list on GSI2 (township first in
  // the sort key, so a township's is a begins_with), the responsible person's on GSI1 by deadline
  problem: (problemId: string) => ({ pk: `PROBLEM#${problemId}`, sk: 'PROBLEM' as const }),
  problemsCountyPk: (countyId: string) => `PROBLEMS#${countyId}`,
  problemsCountySk: (townshipId: string, problemId: string) => `${townshipId}#${problemId}`,
  problemsStaffPk: (personId: string) => `PROBLEMS#STAFF#${personId}`,
  problemsStaffSk: (deadline: string, problemId: string) => `${deadline}#${problemId}`,
  /** A township's contact persons, by level, for picking who takes over a family (hand-over page). */
  staffDirectoryPk: (townshipId: string) => `STAFFDIR#${townshipId}`,
  staffDirectory: (townshipId: string, level: string, personId: string) => ({ pk: `STAFFDIR#${townshipId}`, sk: `${level}#${personId}` }),
  // messaging: team inboxes and the commission's counters
  /** A doctor team's consultation inbox: every member of the team reads it (GSI1). */
  teamInboxPk: (teamId: string) => `INBOX#TEAM#${teamId}`,
  /** Messaging counters per township and month (commission view: counts and times, never content). */
  messagingStatsPk: (countyId: string) => `MSGSTATS#${countyId}`,
  messagingStatsMonth: (countyId: string, month: string, townshipId: string) => ({ pk: `MSGSTATS#${countyId}`, sk: `MONTH#${month}#${townshipId}` }),
  // imports: one guard per resident ID number (by its blind index), so a number is registered once
  idNumberGuard: (idIndex: string) => ({ pk: `IDNO#${idIndex}`, sk: 'IDNO' as const }),
  /** An import job (functions/lib/imports/run-job.ts); unfinished ones are in GSI2 under importPendingPk. */
  importJob: (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'JOB' as const }),
  importPendingPk: 'IMPORT#PENDING',
  /** One import writes into a county at a time: its job holds this lock (with a lease) while it runs. */
  importLock: (countyId: string) => ({ pk: `IMPORTLOCK#${countyId}`, sk: 'LOCK' as const }),
  // lifecycle: a family's change records (变更记录), in time order (epoch ms: ISO seconds tie)
  familyChange: (familyId: string, at: Date, changeId: string) => ({ pk: `FAMILY#${familyId}`, sk: `CHANGE#${String(at.getTime()).padStart(15, '0')}#${changeId}` }),
  familyChangePrefix: 'CHANGE#' as const,
  /** GSI2: a township's changes of one month (change records and change events), for the change list. */
  changesMonthPk: (townshipId: string, month: string) => `CHANGES#${townshipId}#${month}`,
  /** A change the family's history does not record (import, contracts), kept for the change list. */
  changeEvent: (familyId: string, at: string, eventId: string) => ({ pk: `FAMILY#${familyId}`, sk: `CHANGEEVT#${at}#${eventId}` }),
  // staff numbers: a county's doctors and nurses, looked up by staff number when a team is defined
  countyDoctor: (countyId: string, personId: string) => ({ pk: `DOCDIR#${countyId}`, sk: `DOCTOR#${personId}` }),
  // the hospital window: finding a family by card number or name + ID digits, walk-ins, figures
  /** The physical card's number (upper case) → its family; the profile says whether it is current. */
  cardNumber: (cardNo: string) => ({ pk: `CARDNO#${cardNo}`, sk: 'CARDNO' as const }),
  /** Blind index of a member's name and last 6 ID characters; more than one person may share it. */
  nameIdPk: (index: string) => `NAMEID#${index}`,
  nameId: (index: string, personId: string) => ({ pk: `NAMEID#${index}`, sk: `PERSON#${personId}` }),
  lookupRateLimit: (staffId: string) => ({ pk: `RATE#lookup#${staffId}`, sk: 'WINDOW' as const }),
  /** Every window lookup of an institution, found or not (the family's own log gets the found ones). */
  lookupLog: (institutionId: string, at: string, id: string) => ({ pk: `LOOKUPS#${institutionId}`, sk: `${at}#${id}` }),
  walkInDayPk: (institutionId: string, date: string) => `WALKIN#${institutionId}#${date}`,
  walkIn: (institutionId: string, date: string, recordedAt: string, visitId: string) => ({ pk: `WALKIN#${institutionId}#${date}`, sk: `${recordedAt}#${visitId}` }),
  greenChannelStatsPk: (countyId: string) => `GCSTATS#${countyId}`,
  greenChannelMonthPrefix: (month: string, townshipId?: string) => `MONTH#${month}#${townshipId ? `${townshipId}#` : ''}`,
  greenChannelStats: (countyId: string, month: string, townshipId: string, institutionId: string) => ({ pk: `GCSTATS#${countyId}`, sk: `MONTH#${month}#${townshipId}#${institutionId}` }),
  // people: a county's staff of every post (人员管理), by township (`-` for county-wide and institution staff)
  staffRosterPk: (countyId: string) => `ROSTER#${countyId}`,
  staffRoster: (countyId: string, townshipId: string | undefined, personId: string) => ({ pk: `ROSTER#${countyId}`, sk: `${townshipId ?? '-'}#${personId}` }),
  /** Social helpers' 精神慰藉 activities of a county, by date. */
  activityPk: (countyId: string) => `ACTIVITY#${countyId}`,
  activity: (countyId: string, date: string, activityId: string) => ({ pk: `ACTIVITY#${countyId}`, sk: `${date}#${activityId}` }),
} as const;
