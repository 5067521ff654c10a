import { beijingWhen, formatChineseDate, type Principal } from '../../domain';
import type { FamilyMemberEntry, FamilyProfileItem } from '../lib/db/items';
import { type ApplicationItem, type ContractItem, getApplication, getSigningState, type MemberSnapshot, putStateFrom, type SigningStateItem, type TeamItem, type TeamStaff } from '../lib/db/signing';
import { signingCounterMove } from '../lib/db/signing-figures';
import { type Part, part, parts, transact, TransactionRefused } from '../lib/db/transact';
import { badRequest, conflict, forbidden, notFound } from '../lib/http/errors';
import type { OutboxEntry } from '../lib/notify/outbox';

/** What an application or contract keeps of the member and their place when it is made. */
export function memberSnapshot(profile: FamilyProfileItem, member: FamilyMemberEntry): MemberSnapshot {
  return {
    name: member.name,
    relation: member.relation,
    gender: member.gender,
    birthDate: member.birthDate,
    villageId: profile.villageId,
    villageName: profile.villageName,
    townshipId: profile.townshipId,
    townshipName: profile.townshipName,
    countyId: profile.countyId,
    conditions: member.conditions,
    phoneMasked: member.phoneMasked,
  };
}

/** The doctor a new contract in this village names: the team's responsible doctor there, else its lead. */
export function responsibleDoctor(team: TeamItem, villageId: string): TeamStaff {
  const doctorId = team.responsibleByVillage[villageId] ?? team.leadId;
  return team.members.find((m) => m.personId === doctorId) ?? team.members.find((m) => m.personId === team.leadId)!;
}

/** The application a path names, for the team lead it is addressed to, while it waits for an answer. */
export async function applicationToAnswer(principal: Principal, path: { memberId: string; applicationId: string }): Promise<ApplicationItem> {
  const app = await getApplication(path.memberId, path.applicationId);
  if (!app) throw notFound('没有找到这份申请');
  if (app.leadId !== principal.personId) throw forbidden('只有团队长可以处理签约申请');
  if (app.status !== 'pending') throw answeredAlready();
  return app;
}

export const answeredAlready = () => conflict('这份申请已经处理过了');

/** A signing notification to a member, opening the member's signing page. */
export function memberNotice(memberId: string, team: string, status: string, now: Date, dedupeKey: string): OutboxEntry {
  return {
    recipientId: memberId,
    template: 'signing.update',
    data: { team, status, time: beijingWhen(now, now) },
    page: 'packages/signing/index/index',
    dedupeKey,
  };
}

/** A read-then-write that lost its race this many times in a row answers 409 instead. */
const START_ATTEMPTS = 3;

/**
 * Apply and home-visit signing start from whatever state the member is in (none, declined,
 * terminated) but never from applied or signed. The STATE item is read and the transaction is
 * conditioned on exactly that state, so the dashboard's counters can move by the difference
 * between it and the new one (signingCounterMove); if the state changed between the read and the
 * write, the condition fails and the state is read again. Two concurrent applies by one member:
 * one commits, the other reads "applied" and is refused, so the member is counted once.
 * `others` are the rest of the transaction (the application or contract, notices, the
 * Idempotency-Key marker). Returns false when the member is (or has become) applied or signed.
 */
export async function startSigningFrom(next: SigningStateItem, region: { countyId: string; townshipId: string }, others: ReadonlyArray<Part>): Promise<boolean> {
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const from = (await getSigningState(next.memberId))?.state;
    if (from === 'applied' || from === 'signed') return false;
    try {
      await transact([part('state', putStateFrom(next, from)), ...parts('counter', signingCounterMove(region, from, next.state)), ...others]);
      return true;
    } catch (err) {
      if (!(err instanceof TransactionRefused && err.has('state'))) throw err;
    }
  }
  return false;
}

/** A termination date lies within the contract and not in the future (terminating, changing team). */
export function checkTerminationDate(contract: ContractItem, date: string, today: string): void {
  if (date < contract.startDate) throw badRequest('解约日期不能早于签约开始日期', { 'body.date': `不能早于${formatChineseDate(contract.startDate, today)}` });
  if (date > today) throw badRequest('解约日期不能晚于今天', { 'body.date': '不能晚于今天' });
}
