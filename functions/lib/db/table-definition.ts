/**
 * The one table, described once. The CDK stack and the local runtime both build the table from
 * this, so the keys and indexes cannot drift apart.
 *
 * Access patterns (every user-facing read is a GetItem, BatchGetItem or Query):
 *
 * | pattern                                   | key                                                            |
 * | ----------------------------------------- | -------------------------------------------------------------- |
 * | person by id                              | pk=PERSON#<personId>, sk=PROFILE                               |
 * | person by phone (binding proof)           | GSI1 gsi1pk=PHONE#<blind index of phone>                       |
 * | a person's consent decisions (history)    | pk=PERSON#<personId>, begins_with(sk, CONSENT#)               |
 * | person bound to a WeChat openid           | pk=OPENID#<openid>, sk=BINDING                                 |
 * | a family's profile and contacts           | pk=FAMILY#<familyId>, sk BETWEEN FAMILY AND FAMILY#CONTACT#~  |
 * | a member's signing to a doctor            | pk=FAMILY#<familyId>, sk=FAMILY#SIGN#<memberId>                |
 * | is staff X a contact of family F          | pk=FAMILY#<F>, sk=FAMILY#CONTACT#<X>  (GetItem)               |
 * | families a contact person serves          | GSI1 gsi1pk=STAFF#<staffId>, begins_with(gsi1sk, FAMILY#)     |
 * | members signed to a doctor                | GSI1 gsi1pk=STAFF#<doctorId>, begins_with(gsi1sk, MEMBER#)    |
 * | families of a township                    | GSI1 gsi1pk=TOWNSHIP#<townshipId>                              |
 * | families of a county                      | GSI2 gsi2pk=COUNTY#<countyId>                                  |
 * | a city and its counties (ids and names)   | pk=CITY#<cityId>, sk=CITY  (GetItem)                           |
 * | who read a family's sensitive data        | pk=AUDIT#<familyId>, sk=<instant>#<id>  (newest first)        |
 * | binding attempts of an openid this hour   | pk=RATE#bind#<openid>, sk=WINDOW  (expires by TTL)            |
 * | wrong proofs / lock of a person or phone  | pk=LOCK#bind#person#<id> or phone#<blind index>, sk=LOCK (TTL) |
 * | a notification to send (outbox)           | pk=OUTBOX#<outboxId>, sk=OUTBOX                                |
 * | outbox items due to be sent (or retried)  | GSI2 gsi2pk=OUTBOX#DUE, gsi2sk <= <now ISO>  (oldest first)   |
 * | a person's remaining subscriptions        | pk=PERSON#<personId>, sk=SUBSCRIPTION#<template>              |
 * | all of a person's subscription counts     | pk=PERSON#<personId>, begins_with(sk, SUBSCRIPTION#)          |
 * | an Idempotency-Key's answer (any route)   | pk=IDEM#<callerId>, sk=<routeId>#<hash of key>  (TTL; with the change) |
 * | designated institutions of a county       | GSI1 gsi1pk=INSTITUTIONS#<countyId>                            |
 * | an institution, schedules, overrides      | pk=INST#<id>, sk PROFILE / SCHED#<dept>#<weekday>#<period> / OVERRIDE#<date>#<ALL|dept|doctor> |
 * |   its doctors and kept-session conflicts  | same partition, sk DOCTOR#<doctorId> / CONFLICT#<sessionId> (schedule page: one Query) |
 * | one day's sessions of an institution      | pk=SESSIONS#<inst>#<date>, sk=<dept>#<period> (begins_with dept) |
 * | a booking                                 | pk=BOOKING#<bookingId>, sk=BOOKING                              |
 * | a family's bookings and waiting entries   | GSI1 gsi1pk=FAMBK#<familyId>, sk <startsAt>#<id> / WAIT#…     |
 * | an institution's bookings of a day        | GSI2 gsi2pk=HOSPDAY#<inst>#<date>, begins_with(gsi2sk, <dept>#) |
 * | one booking per member per session        | pk=MEMBERBK#<memberId>, sk=GUARD#<inst>#<sessionId>             |
 * | a member's future bookings (max 3)        | pk=MEMBERBK#<memberId>, sk=COUNTER                              |
 * | a session's waiting list                  | pk=WAIT#<inst>#<sessionId>, sk=M#<memberId>                     |
 * | waiting-list offers by expiry (sweep)     | GSI2 gsi2pk=WAITOFFER#DUE, gsi2sk <= <now ISO>                  |
 * | a bed request                             | pk=ADMIT#<id>, sk=ADMIT; GSI1 HOSPADMIT#<inst>; GSI2 FAMADMIT#<family> |
 * | discharge notes due for follow-up         | pk=FAMILY#<f>, sk=DISCHARGE#<admissionId>; GSI1 STAFF#<doctor>, DISCHARGE#<due>#<id> |
 * | followups: a member's health file + plan  | pk=HEALTH#<memberId>, sk=HFILE / PLAN  (one BatchGet with the |
 * |   and the access facts                    |   person, FAMILY#<f>/FAMILY#SIGN#<memberId>, SIGNING#<m>/STATE |
 * |                                           |   and the route's own keys: refill, family profile)           |
 * | followups: is a doctor on the contract team | pk=TEAM#<teamId from STATE>, sk=MEMBER#<staffId> (key only) |
 * | followups: a member's due reminder        | pk=OUTBOX#followup.due#<memberId> (one per member, replaced)  |
 * | a member's newest follow-ups (trends)     | pk=HEALTH#<memberId>, begins_with(sk, FU#), newest first      |
 * | a member's prescriptions and refills      | pk=HEALTH#<memberId>, begins_with(sk, RX#)                     |
 * | follow-up plans of a county (report)      | GSI2 gsi2pk=FUPLANS#<countyId>, gsi2sk=<townshipId>#<memberId>  |
 * | doctors' visits/calls of a county's month | pk=DOCFU#<countyId>#<YYYY-MM>, begins_with(sk, <townshipId>#)   |
 * | a doctor's follow-up queue (ONE Query)    | GSI1 gsi1pk=STAFF#<doctorId>, gsi1sk BETWEEN DISCHARGE# AND   |
 * |                                           |   FOLLOWUP-PLAN#<today+14>: discharge notes (booking),        |
 * |                                           |   FOLLOWUP-ITEM# (consultations), FOLLOWUP-PLAN#<due>#<member>|
 * |                                           |   (0000-00-00 while a submission awaits review)               |
 * | a doctor's open refill requests           | GSI1 gsi1pk=STAFF#<doctorId>, begins_with(gsi1sk, REFILL#)    |
 * | signing: a team, its members              | pk=TEAM#<teamId>, sk=TEAM / MEMBER#<staffId>                   |
 * | signing: the team serving a village       | pk=VILLAGE#<villageId>, sk=TEAM                                |
 * | signing: the teams a staff member is on   | GSI1 gsi1pk=STAFF#<staffId>, begins_with(gsi1sk, TEAM#)       |
 * | signing: a member's state (one-contract   | pk=SIGNING#<memberId>, sk=STATE  (every transition is         |
 * |   guard), applications, contracts         |   conditioned on it), APP#<id>, CONTRACT#<id> (the signature  |
 * |                                           |   image is an S3 object; the contract names its key)           |
 * | signing: applications pending for a lead  | GSI1 gsi1pk=STAFF#<leadId>, begins_with(gsi1sk, SIGNAPP#)      |
 * |                                           |   (sorted by deadline; removed when answered: sparse)          |
 * | signing: a team's active contracts by end | GSI1 gsi1pk=TEAM#<teamId>, gsi1sk BETWEEN END#<from> AND END#<to> |
 * | signing: coverage of a township / county  | GSI1 SIGNCOV#<townshipId> / GSI2 SIGNCOV#<countyId> (STATE items) |
 * | policy support: contract and cost ledger  | pk=POLICY#<familyId>, sk=CONTRACT / COST#<visitDate>#<id>      |
 * | policy support: a cadre's families        | GSI1 gsi1pk=STAFF#<cadreId>, begins_with(gsi1sk, POLICY#)      |
 * | a thread's page of messages + its meta    | pk=THREAD#<threadId>, sk >= MSG# (newest first; ~META sorts last) |
 * | (conversation: threadId c.<family>.<staff>; consultation: threadId = consultationId q_…)   |
 * | a staff inbox (waiting first, then rest)  | GSI1 gsi1pk=INBOX#<staffId>: ~META while waiting (gsi1sk     |
 * |                                           | A0#/A1#<since>), ~INBOX when answered (B#<inverted time>)    |
 * | a doctor team's consultation inbox        | GSI1 gsi1pk=INBOX#TEAM#<teamId> (same sort keys; every member |
 * |                                           | of the team reads it: one Query per team the doctor is on)   |
 * | a family's threads and unread counts      | GSI2 gsi2pk=THREADS#<familyId> (the ~META items)             |
 * | messaging counters (commission: counts    | pk=MSGSTATS#<countyId>, sk=MONTH#<YYYY-MM>#<townshipId>      |
 * |   and response times, never content)      |   (updated in the transaction of the event they count)       |
 * | online contacts for the ledger            | pk=FAMILY#<familyId>, sk=CONTACTLOG#ONLINE#<Beijing date>#<staffId> |
 * |   (one per staff × family × day, `replies` counts the day's replies; written in the reply's transaction) |
 * |   by staff member and date                | GSI1 gsi1pk=STAFF#<staffId>, begins_with(gsi1sk, CONTACTLOG#<date>) |
 * |   in the month's export (first reply only)| GSI2 gsi2pk=CONTACTS#<townshipId>#<YYYY-MM>, gsi2sk=<date>#<F>#online_<staff> |
 * |   the first reply of the day (slot absent, conditioned) also writes the ledger effects of one 网络沟通 |
 * |   (summary + counters); a hand-entered 网络沟通 claims the slot (`handContactId`, no index keys), so |
 * |   the day counts once whichever comes first                                                |
 * | follow-up items from consultation answers | pk=FAMILY#<familyId>, sk=FOLLOWUP-ITEM#<id>; in the doctor's queue: |
 * |   (follow-up queue; status 'open', dueBy, summary, memberId, consultationId) | GSI1 gsi1pk=STAFF#<doctorId>, gsi1sk=FOLLOWUP-ITEM#<dueBy>#<id> |
 * | import: is this ID number registered, by  | pk=IDNO#<blind index of the ID number>, sk=IDNO (personId,   |
 * |   whom (one guard per number, BatchGet)   |   familyId); put with attribute_not_exists in the import's transaction |
 * | import: a job and its report              | pk=IMPORT#<importId>, sk=JOB (id from the upload key: a resent start finds it; TTL half a year after it ends) |
 * | import: unfinished jobs (sweep)           | GSI2 gsi2pk=IMPORT#PENDING, gsi2sk=<createdAt>#<id>; removed when finished |
 * | import: one job writes into a county      | pk=IMPORTLOCK#<countyId>, sk=LOCK (holder, lease until)         |
 *
 * Outbox lifecycle: written `pending` with gsi2 set (due index); the sender claims it (attempts+1,
 * nextAttemptAt/gsi2sk moved a lease ahead) in one transaction with the subscription decrement,
 * then marks it `sent` / `skipped` / `failed` and REMOVEs gsi2pk/gsi2sk (out of the due index,
 * expires by TTL after 30 days), or moves nextAttemptAt/gsi2sk ahead by backoff for a retry.
 *
 * Contract performance (履约): each contract item holds `promised` (from its packages) and
 * `delivered` counters. Follow-ups, messaging and booking feed it by adding
 * `contractServiceIncrement(memberId, contractId, kind)` (functions/lib/db/signing.ts) to their own
 * TransactWriteItems when a follow-up is done, a home visit logged, a consultation answered or a
 * refill handled (the active contract id is on the member's STATE item), or by calling
 * `recordContractService(memberId, kind)` where they have no transaction.
 * | ledger: a family's contact log (+ online) | pk=FAMILY#<F>, begins_with(sk, CONTACTLOG#)  (ct_… and ONLINE#…) |
 * | ledger: a staff member's contacts by day  | GSI1 gsi1pk=STAFF#<id>, gsi1sk BETWEEN CONTACTLOG#<from> AND ~ |
 * | ledger: a township's contacts of a month  | GSI2 gsi2pk=CONTACTS#<townshipId>#<YYYY-MM>  (export)          |
 * | ledger: a township's hand-overs of a month| GSI2 gsi2pk=HANDOVERS#<townshipId>#<YYYY-MM>, gsi2sk=<at>#<id> |
 * | change list: a township's changes of a month | GSI2 gsi2pk=CHANGES#<townshipId>#<YYYY-MM>, gsi2sk=<at>#<id> (change records, FAMILY#<F>/CHANGEEVT#… events) |
 * | ledger: earlier versions of a contact     | pk=FAMILY#<F>, begins_with(sk, CONTACTVER#<contactId>#)        |
 * | ledger: a family's summary (last contact) | pk=FAMILY#<F>, sk=LEDGER                                       |
 * | ledger: families by last contact day      | GSI1 LEDGER#<townshipId> / GSI2 LEDGER#<countyId>, sk < cutoff |
 * | coverage counters of a county             | pk=STATS#<countyId>, sk TOWNSHIP#<t> / WEEK#<Monday>#<t> / MONTH#<YYYY-MM>#<t> |
 * | a family's hand-overs                     | pk=FAMILY#<F>, begins_with(sk, HANDOVER#)                      |
 * | urgent tasks: one per event and contact   | pk=FAMILY#<F>, sk=URGENT#<kind>.<refId>#<staffId>  (conditional put: a retried event writes nothing) |
 * | urgent tasks: a contact's open ones       | GSI1 gsi1pk=STAFF#<id>, begins_with(gsi1sk, URGENT#)  (sparse: index keys removed when visited) |
 * | requests: a family's, with timelines      | pk=FAMILY#<F>, begins_with(sk, REQUEST#)  (+ sk=REQUESTS: version bumped per create) |
 * | requests: a contact's active, by due date | GSI1 gsi1pk=STAFF#<id>, begins_with(gsi1sk, REQUEST#A#)  (closed: REQUEST#Z#<at>) |
 * | requests: a township's overdue (escalate) | GSI2 gsi2pk=REQUESTS#<townshipId>, gsi2sk < <date>  (only while active: sparse) |
 * | requests/survey counters of a county      | pk=REQSTATS#<countyId>, sk TOWNSHIP#<t> / SURVEY#<YYYY-Qn>#<t>  |
 * | a family's survey answer of a quarter     | pk=FAMILY#<F>, sk=SURVEY#<YYYY-Qn>  (conditional put: one per quarter) |
 * | contact persons of a township (hand-over) | pk=STAFFDIR#<townshipId>, sk=<contactLevel>#<personId>  (seed/import write it) |
 * | a county's doctor by staff number (teams) | pk=DOCDIR#<countyId>, sk=DOCTOR#<personId>  (GetItem; seed/import write it) |
 * | the county's 帮扶 extras (帮扶清单)        | pk=COUNTY#<countyId>, sk=SUPPORT  (GetItem, in the entitlements BatchGet) |
 * | an article and its read count             | pk=ARTICLE#<id>, sk=ARTICLE; its audiences sk=TO#FEED#<kind>#<id>  |
 * | a feed's articles (county, township, team)| GSI1 gsi1pk=FEED#COUNTY#<c> / FEED#TOWNSHIP#<t> / FEED#TEAM#<tm>, gsi1sk=<publishedAt>#<id> (newest first, Limit 20) |
 * | an author's articles                      | GSI2 gsi2pk=ARTICLES#<personId>, gsi2sk=<publishedAt>#<id>     |
 * | a family opened an article (once)         | pk=ARTREAD#<familyId>, sk=<articleId>  (BatchGet for the list's marks) |
 * | hospital window: a card by its number      | pk=CARDNO#<card number, upper case>, sk=CARDNO  (→ familyId; the profile says if current) |
 * | hospital window: a member by name + ID6    | pk=NAMEID#<blind index of name and last 6 ID chars>, sk=PERSON#<personId> |
 * | window lookups of a staff member (limit)   | pk=RATE#lookup#<staffId>, sk=WINDOW  (TTL); log pk=LOOKUPS#<inst>, sk=<at>#<id> |
 * | an institution's walk-ins of a day         | pk=WALKIN#<inst>#<date>, sk=<recordedAt>#<visitId>            |
 * | green-channel counters of a month          | pk=GCSTATS#<county>, sk=MONTH#<YYYY-MM>#<township>#<inst>  (begins_with for a county or township; moved in the events' transactions) |
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];
