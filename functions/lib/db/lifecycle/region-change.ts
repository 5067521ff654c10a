import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beijingDate, isActiveRequest, quarterOf } from '../../../../domain';
import type { OutboxItem } from '../../notify/outbox';
import { batchGetAll } from '../batch';
import { db, tableName } from '../client';
import { familyFigures, type FamilyFigures, type TownshipStatsItem } from '../coverage';
import type { FamilyContactItem, FamilyProfileItem, SigningItem } from '../items';
import { keys } from '../keys';
import type { LedgerSummaryItem } from '../ledger';
import { queryAll } from '../query-all';
import type { SigningStateItem } from '../signing';
import { requestsMovedCounters, surveyCounter } from '../ledger-requests';
import { carriedRequests, carryActiveRequests, familyRequestsVersion, listFamilyRequests, type RequestItem } from '../requests';
import { getSurveyAnswer, type SurveyItem } from '../survey';
import { part, type Part, type TransactItem } from '../transact';

/**
 * What a family moving out of its township (to another one, or out of the county) takes out of
 * the township's standing figures, and the ledger summary that indexes it on the stale list.
 */
export async function readRegionChange(profile: FamilyProfileItem): Promise<{ signings: SigningItem[]; states: SigningStateItem[]; summary?: LedgerSummaryItem }> {
  const [signings, states, summary] = await Promise.all([
    queryAll<SigningItem>({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.familyPk(profile.familyId), ':p': 'FAMILY#SIGN#' },
    }),
    batchGetAll<SigningStateItem>(profile.members.map((m) => keys.signingState(m.personId))),
    db().send(new GetCommand({ TableName: tableName(), Key: keys.ledgerSummary(profile.familyId) })),
  ]);
  return { signings, states, summary: summary.Item as LedgerSummaryItem | undefined };
}

export function figuresOf(profile: FamilyProfileItem, contacts: Pick<FamilyContactItem, 'kind'>[], reads: { signings: SigningItem[]; states: SigningStateItem[] }): FamilyFigures {
  return familyFigures(profile, contacts, reads.signings, reads.states.filter((s) => profile.members.some((m) => m.personId === s.memberId && !m.deceasedOn)));
}

export const negate = (f: FamilyFigures): FamilyFigures => Object.fromEntries(Object.entries(f).map(([k, n]) => [k, -n])) as unknown as FamilyFigures;

export async function getTownshipStats(countyId: string, townshipId: string): Promise<TownshipStatsItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.statsTownship(countyId, townshipId) }));
  return out.Item as TownshipStatsItem | undefined;
}

/** The ledger summary re-indexed (or, with `region` undefined, taken off the stale lists). */
export function summaryRegionUpdate(summary: LedgerSummaryItem, region: { townshipId: string; townshipName: string; villageName: string } | undefined): TransactItem {
  const base = { TableName: tableName(), Key: keys.ledgerSummary(summary.familyId), ConditionExpression: 'version = :v' };
  if (!region) {
    return { Update: { ...base, UpdateExpression: 'SET version = :next REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk', ExpressionAttributeValues: { ':v': summary.version, ':next': summary.version + 1 } } };
  }
  return {
    Update: {
      ...base,
      UpdateExpression: 'SET version = :next, townshipId = :t, townshipName = :tn, villageName = :vn, gsi1pk = :g1, gsi1sk = :g1s, gsi2sk = :g2s',
      ExpressionAttributeValues: {
        ':v': summary.version,
        ':next': summary.version + 1,
        ':t': region.townshipId,
        ':tn': region.townshipName,
        ':vn': region.villageName,
        ':g1': keys.ledgerTownshipPk(region.townshipId),
        ':g1s': keys.ledgerTownshipSk(summary.lastContactOn, summary.familyId),
        ':g2s': keys.ledgerCountySk(summary.lastContactOn, region.townshipId, summary.familyId),
      },
    },
  };
}

/** What else of a family is counted by township: its requests and this quarter's survey answer. */
export interface TownshipBound {
  requests: RequestItem[];
  requestsVersion: number;
  quarter: string;
  survey?: SurveyItem;
  /** The active requests' overdue notices to the township leader not sent yet. */
  pendingNotices: OutboxItem[];
}

export async function readTownshipBound(familyId: string, now: Date): Promise<TownshipBound> {
  const quarter = quarterOf(beijingDate(now));
  const [requests, requestsVersion, survey] = await Promise.all([
    listFamilyRequests(familyId),
    familyRequestsVersion(familyId),
    getSurveyAnswer(familyId, quarter),
  ]);
  const notices = await batchGetAll<OutboxItem>(requests.filter((r) => isActiveRequest(r.status)).map((r) => keys.outbox(keys.requestOverdueNoticeKey(r.requestId))));
  return { requests, requestsVersion, quarter, survey, pendingNotices: notices.filter((n) => n.status === 'pending') };
}

/**
 * A move's parts for what is counted by township besides the standing figures: the active
 * requests change township (and, where their assignee was handed over, person) with their
 * counters and their pending overdue notices, and this quarter's survey answer is counted in the new township instead of the old.
 */
export function townshipBoundParts(
  input: {
    profile: FamilyProfileItem;
    region: { townshipId: string; townshipName: string; villageName: string };
    reassign: ReadonlyMap<string, { staffId: string; name: string }>;
    /** The new township's leader, who is told of a request gone overdue. */
    leader?: { staffId: string };
    byName: string;
  },
  bound: TownshipBound,
  now: Date,
): Part<'requestsSummary' | 'request' | 'requestCounter' | 'surveyCounter'>[] {
  const { profile, region } = input;
  const to = { countyId: profile.countyId, townshipId: region.townshipId };
  const carry = { familyId: profile.familyId, requests: bound.requests, summaryVersion: bound.requestsVersion, reassign: input.reassign, region, byName: input.byName, note: `家庭迁往${region.townshipName}，诉求转由新乡镇继续办理` };
  const moving = carriedRequests(carry);
  const out: Part<'requestsSummary' | 'request' | 'requestCounter' | 'surveyCounter'>[] = [...carryActiveRequests(carry, now)];
  if (moving.length) out.push(...requestsMovedCounters(profile, to, moving).map((item) => part('requestCounter' as const, item)));
  // The overdue notices not sent yet go to the new township's leader (only while still not sent).
  if (input.leader) {
    for (const n of bound.pendingNotices.filter((x) => x.recipientId !== input.leader!.staffId)) {
      out.push(
        part('request', {
          Update: {
            TableName: tableName(),
            Key: keys.outbox(n.outboxId),
            UpdateExpression: 'SET recipientId = :to',
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': input.leader.staffId, ':pending': 'pending' },
          },
        }),
      );
    }
  }
  out.push(...surveyMoveParts(profile, to, bound));
  return out;
}

/**
 * This quarter's survey answer taken out of the family's township and counted in `to` (or, leaving
 * the county, nowhere). An answer given meanwhile would stay behind: the check fails the change.
 */
export function surveyMoveParts(from: { countyId: string; townshipId: string; familyId: string }, to: { countyId: string; townshipId: string } | undefined, bound: TownshipBound): Part<'surveyCounter'>[] {
  const out: Part<'surveyCounter'>[] = [
    part('surveyCounter', {
      ConditionCheck: { TableName: tableName(), Key: keys.survey(from.familyId, bound.quarter), ConditionExpression: bound.survey ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)' },
    }),
  ];
  if (bound.survey) {
    const channel = bound.survey.actedBy ? 'face_to_face' : 'app';
    out.push(part('surveyCounter', surveyCounter(from, bound.quarter, bound.survey, channel, -1)));
    if (to) out.push(part('surveyCounter', surveyCounter(to, bound.quarter, bound.survey, channel)));
  }
  return out;
}
