import { beijingDate, CountySupportSettings, entitlementsFor, type EntitlementsResponse, FamilyPath, inPovertyProgramme } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { listInstitutions } from '../lib/db/booking/sessions';
import type { CountySupportItem } from '../lib/db/county-support';
import { getFamilyRecord } from '../lib/db/families';
import { keys } from '../lib/db/keys';
import type { ContractItem, SigningStateItem } from '../lib/db/signing';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

/**
 * The family's 帮扶清单, computed on every request from what is stored now (a contact handed over
 * or a contract renewed shows at once). Four requests in three round trips: the profile and
 * contacts (one Query); the members' signing states with the county's settings (one BatchGet)
 * beside the designated institutions (one Query); the current contracts, for doctor and packages
 * (one BatchGet, skipped when nobody is signed).
 */
export const handler = routeHandler('entitlements.get', { path: FamilyPath }, async ({ path, now }) => {
  const record = await getFamilyRecord(path.familyId);
  if (!record) throw notFound('没有找到这户家庭');
  const { profile, contacts } = record;
  const [found, institutions] = await Promise.all([
    batchGetAll<SigningStateItem | CountySupportItem>([...profile.members.map((m) => keys.signingState(m.personId)), keys.countySupport(profile.countyId)]),
    listInstitutions(profile.countyId),
  ]);
  const signed = found.filter((i): i is SigningStateItem => i.entity === 'signingState' && i.state === 'signed' && Boolean(i.contractId));
  const stored = found.find((i): i is CountySupportItem => i.entity === 'countySupport');
  const contracts = signed.length ? await batchGetAll<ContractItem>(signed.map((s) => keys.signingContract(s.memberId, s.contractId!))) : [];
  const items = entitlementsFor({
    today: beijingDate(now),
    family: {
      familyId: profile.familyId,
      familyName: profile.familyName,
      familyType: profile.familyType,
      poverty: inPovertyProgramme(profile),
      members: profile.members,
      card: { cardNo: profile.card.cardNo, status: profile.card.status },
      helpline: profile.helpline,
    },
    contacts,
    signings: contracts
      .filter((c) => c.status === 'active')
      .map((c) => ({ memberId: c.memberId, teamName: c.teamName, doctor: { name: c.doctor.name, title: c.doctor.title, phone: c.doctor.phone }, packageIds: c.packageIds, endDate: c.endDate })),
    hospitals: institutions.map((i) => ({ name: i.name, greenChannelPlace: i.greenChannelPlace, greenChannelPhone: i.greenChannelPhone })),
    // No item: the county has not confirmed its measures, and the family is promised none of the draft's.
    settings: stored ? CountySupportSettings.parse({ extras: stored.extras }) : null,
  });
  const body: EntitlementsResponse = { familyId: profile.familyId, familyName: profile.familyName, items };
  return { body };
});
