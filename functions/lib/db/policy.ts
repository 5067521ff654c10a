import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimStatus } from '../../../domain';
import { db, tableName } from './client';
import { keys } from './keys';
import { queryAll } from './query-all';

/**
 * The poverty programme's policy-support contract (双签约): one cadre per poor family, and the
 * family's medical-cost ledger, in the partition `POLICY#<familyId>`:
 * - `CONTRACT`: the cadre, the family's members, yearly income and warning share, and running
 *   totals kept in the same transaction as each entry (GSI1 `STAFF#<cadre>` / `POLICY#<family>`,
 *   so the cadre's list with every family's warning is one Query);
 * - `COST#<visitDate>#<entryId>`: one visit and how its cost was paid.
 */
export interface PolicyTotals {
  entries: number;
  totalFen: number;
  outOfPocketFen: number;
  pendingClaims: number;
}

export interface PolicyContractItem {
  pk: string;
  sk: 'CONTRACT';
  entity: 'policyContract';
  familyId: string;
  familyName: string;
  villageName: string;
  townshipId: string;
  cadreId: string;
  cadreName: string;
  members: Array<{ personId: string; name: string }>;
  memberIds: string[];
  yearlyIncomeFen: number;
  warningSharePercent: number;
  startDate: string;
  endDate: string;
  totals: PolicyTotals;
  gsi1pk: string;
  gsi1sk: string;
}

export interface CostEntryItem {
  pk: string;
  sk: string;
  entity: 'costEntry';
  entryId: string;
  familyId: string;
  memberId: string;
  visitDate: string;
  place: string;
  totalFen: number;
  basicInsuranceFen: number;
  seriousIllnessFen: number;
  medicalAssistanceFen: number;
  commercialFen: number;
  outOfPocketFen: number;
  claimPending: boolean;
  /** The claim's progress; an entry with a pending claim and none of this is `filed`. */
  claim?: { status: ClaimStatus; claimedFen?: number; paidFen?: number; reason?: string; updatedAt: string; byId: string };
  enteredById: string;
  enteredAt: string;
}

export function policyContractItem(c: Omit<PolicyContractItem, 'pk' | 'sk' | 'entity' | 'gsi1pk' | 'gsi1sk' | 'memberIds'>): PolicyContractItem {
  return {
    ...keys.policyContract(c.familyId),
    entity: 'policyContract',
    ...c,
    memberIds: c.members.map((m) => m.personId),
    gsi1pk: keys.staffPk(c.cadreId),
    gsi1sk: keys.staffPolicySk(c.familyId),
  };
}

/** Where a claim stands: entries written before claims were tracked say only whether one is pending. */
export function claimStatusOf(e: Pick<CostEntryItem, 'claim' | 'claimPending'>): ClaimStatus | undefined {
  return e.claim?.status ?? (e.claimPending ? 'filed' : undefined);
}

/** The contract and every ledger entry of a family: one Query. */
export async function getLedger(familyId: string): Promise<{ contract?: PolicyContractItem; entries: CostEntryItem[] }> {
  const items = await queryAll<PolicyContractItem | CostEntryItem>({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.policyPk(familyId) },
    ConsistentRead: true,
  });
  return {
    contract: items.find((i): i is PolicyContractItem => i.entity === 'policyContract'),
    entries: items.filter((i): i is CostEntryItem => i.entity === 'costEntry').reverse(),
  };
}

/** The families under contract with a cadre, with their totals: one Query. */
export async function listCadreContracts(cadreId: string): Promise<PolicyContractItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(cadreId), ':p': 'POLICY#' },
    }),
  );
  return (out.Items ?? []) as PolicyContractItem[];
}
