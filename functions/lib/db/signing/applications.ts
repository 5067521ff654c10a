import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PackageId, TeamMember } from '../../../../domain';
import { db, tableName } from '../client';
import { keys } from '../keys';
import type { TransactItem } from '../transact';
import type { MemberSnapshot } from './states';
import type { TeamStaff } from './teams';

/** Applications, `SIGNING#<memberId>`/`APP#<id>`: in the team lead's GSI1 partition while pending (sparse index). */

export interface ApplicationItem {
  pk: string;
  sk: string;
  entity: 'signingApplication';
  applicationId: string;
  memberId: string;
  familyId: string;
  member: MemberSnapshot;
  teamId: string;
  teamName: string;
  leadId: string;
  doctor: TeamStaff;
  teamContact: { name: string; members: TeamMember[] };
  packageIds: PackageId[];
  submittedAt: string;
  submittedById: string;
  deadline: string;
  status: 'pending' | 'accepted' | 'declined';
  decidedAt?: string;
  declineReason?: string;
  contractId?: string;
  gsi1pk?: string;
  gsi1sk?: string;
}

export async function getApplication(memberId: string, applicationId: string): Promise<ApplicationItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signingApplication(memberId, applicationId), ConsistentRead: true }));
  return out.Item as ApplicationItem | undefined;
}

/** Pending applications addressed to a team lead, oldest deadline first: one Query. */
export async function listLeadApplications(leadId: string, limit: number): Promise<ApplicationItem[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.staffPk(leadId), ':p': 'SIGNAPP#' },
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as ApplicationItem[];
}

/**
 * The lead's answer, for the answering transaction: written only while the application is pending
 * and addressed to this lead, so two answers racing cannot both land; it leaves the lead's list.
 */
export function answerApplication(
  app: Pick<ApplicationItem, 'memberId' | 'applicationId'>,
  leadId: string,
  at: string,
  answer: { status: 'accepted'; contractId: string } | { status: 'declined'; declineReason: string },
): TransactItem {
  const [field, value] = answer.status === 'accepted' ? ['contractId', answer.contractId] : ['declineReason', answer.declineReason];
  return {
    Update: {
      TableName: tableName(),
      Key: keys.signingApplication(app.memberId, app.applicationId),
      UpdateExpression: `SET #status = :answer, decidedAt = :at, ${field} = :value REMOVE gsi1pk, gsi1sk`,
      ConditionExpression: '#status = :pending AND leadId = :me',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':answer': answer.status, ':pending': 'pending', ':at': at, ':value': value, ':me': leadId },
    },
  };
}
