import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ActedBy, AdmissionStatus } from '../../../../domain';
import { db, tableName } from '../client';
import type { SigningItem } from '../items';
import { keys } from '../keys';

/** Bed requests to designated hospitals ("needs a bed"), their answers and discharge. */
export interface AdmissionItem {
  pk: string;
  sk: 'ADMIT';
  entity: 'admission';
  admissionId: string;
  status: AdmissionStatus;
  familyId: string;
  memberId: string;
  memberName: string;
  institutionId: string;
  institutionName: string;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  /** Asked for by staff on the family's behalf (代办). */
  actedBy?: ActedBy;
  decisionReason?: string;
  decidedBy?: string;
  admittedOn?: string;
  dischargedAt?: string;
  /** GSI1: the institution's requests, newest first by sk. */
  gsi1pk: string;
  gsi1sk: string;
  /** GSI2: the family's requests. */
  gsi2pk: string;
  gsi2sk: string;
}

export async function getAdmission(admissionId: string): Promise<AdmissionItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.admission(admissionId) }));
  return out.Item as AdmissionItem | undefined;
}

/** Newest first: an institution's requests (GSI1) or a family's (GSI2). */
export async function listAdmissions(index: 'gsi1' | 'gsi2', pk: string): Promise<AdmissionItem[]> {
  const out = await db().send(
    new QueryCommand({ TableName: tableName(), IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: 100 }),
  );
  return (out.Items ?? []) as AdmissionItem[];
}

/** The member's signing, if any: whose follow-up queue a discharge note goes to. */
export async function getMemberSigning(familyId: string, memberId: string): Promise<SigningItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.familySigning(familyId, memberId) }));
  return out.Item as SigningItem | undefined;
}
