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
 * | who read a family's sensitive data        | pk=AUDIT#<familyId>, sk=<instant>#<id>  (newest first)        |
 * | binding attempts of an openid this hour   | pk=RATE#bind#<openid>, sk=WINDOW  (expires by TTL)            |
 * | a notification to send (outbox)           | pk=OUTBOX#<outboxId>, sk=OUTBOX                                |
 * | outbox items due to be sent (or retried)  | GSI2 gsi2pk=OUTBOX#DUE, gsi2sk <= <now ISO>  (oldest first)   |
 * | a person's remaining subscriptions        | pk=PERSON#<personId>, sk=SUBSCRIPTION#<template>              |
 * | ledger: a family's contact log (+ online) | pk=FAMILY#<F>, begins_with(sk, CONTACTLOG#)  (ct_… and ONLINE#…) |
 * | ledger: a staff member's contacts by day  | GSI1 gsi1pk=STAFF#<id>, gsi1sk BETWEEN CONTACTLOG#<from> AND ~ |
 * | ledger: a township's contacts of a month  | GSI2 gsi2pk=CONTACTS#<townshipId>#<YYYY-MM>  (export)          |
 * | ledger: earlier versions of a contact     | pk=FAMILY#<F>, begins_with(sk, CONTACTVER#<contactId>#)        |
 * | ledger: a family's summary (last contact) | pk=FAMILY#<F>, sk=LEDGER                                       |
 * | ledger: families by last contact day      | GSI1 LEDGER#<townshipId> / GSI2 LEDGER#<countyId>, sk < cutoff |
 * | coverage counters of a county             | pk=STATS#<countyId>, sk TOWNSHIP#<t> / WEEK#<Monday>#<t> / MONTH#<YYYY-MM>#<t> |
 * | a family's hand-overs                     | pk=FAMILY#<F>, begins_with(sk, HANDOVER#)                      |
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
