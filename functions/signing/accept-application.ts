import { ApplicationPath, beijingDate, ContractDates, toBeijingIso } from '../../domain';
import { answerApplication, contractItem, doctorContactUpdate, newContractId, put, signingProjection, stateItem } from '../lib/db/signing';
import { signingCounterMove } from '../lib/db/signing-figures';
import { part, parts, transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { answeredAlready, applicationToAnswer, memberNotice } from './shared';
import { signedEvent } from './change-events';
import { contractView } from './views';

/**
 * The team lead accepts: one TransactWriteItems makes the contract, closes the application (only
 * if still pending and addressed to this lead), moves the member's state from this application to
 * signed (the one-active-contract guard), writes the "current signing" projection and the family's
 * doctor contact, counts the member signed on the township's dashboard counter (already counted as
 * wanting since the application), and tells the member. Two acceptances racing: exactly one
 * transaction commits.
 */
export const handler = routeHandler('signing.accept', { path: ApplicationPath, body: ContractDates }, async ({ path, body, principal, now }) => {
  const app = await applicationToAnswer(principal, path);
  const today = beijingDate(now);
  const startDate = body.startDate ?? today;
  if (startDate < today) throw badRequest('签约开始日期不能早于今天', { 'body.startDate': '不能早于今天' });

  const at = toBeijingIso(now);
  const contract = contractItem({
    contractId: newContractId(startDate),
    memberId: app.memberId,
    familyId: app.familyId,
    member: app.member,
    teamId: app.teamId,
    teamName: app.teamName,
    doctor: app.doctor,
    teamContact: app.teamContact,
    packageIds: app.packageIds,
    startDate,
    endDate: body.endDate,
    source: 'application',
    applicationId: app.applicationId,
    createdAt: at,
  });
  const state = stateItem(app.memberId, app.familyId, app.member, {
    state: 'signed',
    contractId: contract.contractId,
    teamId: contract.teamId,
    teamName: contract.teamName,
    endDate: contract.endDate,
    updatedAt: at,
  });
  await transact(
    [
      part('application', answerApplication(app, principal.personId, at, { status: 'accepted', contractId: contract.contractId })),
      part('contract', put(contract, 'attribute_not_exists(pk)')),
      part('state', put(state, '#state = :applied AND applicationId = :app', { '#state': 'state' }, { ':applied': 'applied', ':app': app.applicationId })),
      part('projection', put(signingProjection(contract))),
      part('doctorContact', doctorContactUpdate(contract, at)),
      ...parts('counter', signingCounterMove(app.member, 'applied', 'signed')),
      part('changeList', signedEvent(contract, app.teamName, now)),
      part('outbox', outboxPut(memberNotice(app.memberId, app.teamName, '已同意签约，请签字确认', now, `signing-accepted-${app.applicationId}`), now)),
    ],
    { refusals: { application: answeredAlready, state: answeredAlready } },
  );
  return { status: 201, body: contractView(contract, today) };
});
