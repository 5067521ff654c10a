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
 * | all of a person's subscription counts     | pk=PERSON#<personId>, begins_with(sk, SUBSCRIPTION#)          |
 * | a creating POST's Idempotency-Key         | pk=<partition of what it created>, sk=IDEMPOTENCY#<caller>#<key> (TTL) |
 * | a thread's page of messages + its meta    | pk=THREAD#<threadId>, sk >= MSG# (newest first; ~META sorts last) |
 * | (conversation: threadId c.<family>.<staff>; consultation: threadId = consultationId q_…)   |
 * | a staff inbox (waiting first, then rest)  | GSI1 gsi1pk=INBOX#<staffId>: ~META while waiting (gsi1sk     |
 * |                                           | A0#/A1#<since>), ~INBOX when answered (B#<inverted time>)    |
 * | a family's threads and unread counts      | GSI2 gsi2pk=THREADS#<familyId> (the ~META items)             |
 * | online contacts for the ledger (issue 6)  | pk=FAMILY#<familyId>, sk=CONTACTLOG#ONLINE#<Beijing date>#<staffId> |
 * |   (one per staff × family × day, `replies` counts the day's replies; written in the reply's transaction) |
 * |   by staff member and date                | GSI1 gsi1pk=STAFF#<staffId>, begins_with(gsi1sk, CONTACTLOG#<date>) |
 * | follow-up items from consultation answers | pk=FAMILY#<familyId>, sk=FOLLOWUP-ITEM#<id>; in the doctor's queue: |
 * |   (issue 5; status 'open', dueBy, summary, memberId, consultationId) | GSI1 gsi1pk=STAFF#<doctorId>, gsi1sk=FOLLOWUP-ITEM#<dueBy>#<id> |
 *
 * Outbox lifecycle: written `pending` with gsi2 set (due index); the sender claims it (attempts+1,
 * nextAttemptAt/gsi2sk moved a lease ahead) in one transaction with the subscription decrement,
 * then marks it `sent` / `skipped` / `failed` and REMOVEs gsi2pk/gsi2sk (out of the due index,
 * expires by TTL after 30 days), or moves nextAttemptAt/gsi2sk ahead by backoff for a retry.
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
