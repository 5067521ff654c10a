import { FamilyDetailsRequest, FamilyPath, familyTypeLabels, povertyFlagLabels } from '../../domain';
import { changePut, diff } from '../lib/db/lifecycle/changes';
import { profileUpdate } from '../lib/db/lifecycle/profile';
import { part, transact } from '../lib/db/transact';
import { badRequest } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { familyDetailsView } from './views';

const labels = { address: '家庭住址', familyType: '家庭类别', ...povertyFlagLabels };
const yesNo = (b: boolean | undefined) => (b ? '是' : '否');

/**
 * Address, the three poverty registrations and the family's type, under the version condition.
 * The change record keeps each changed field's old and new value; a type change (伤残 → 失独)
 * gets a record of its own kind and must say why.
 */
export const handler = routeHandler('lifecycle.editDetails', { path: FamilyPath, body: FamilyDetailsRequest }, async ({ path, body, principal, now }) => {
  const { profile, actor } = await familyForChange(path.familyId, body.version, principal);
  const typeChanged = body.familyType !== profile.familyType;
  if (typeChanged && !body.reason) throw badRequest('变更家庭类别需要填写原因', { 'body.reason': '请填写变更原因' });
  const values = (p: { address?: string; familyType: keyof typeof familyTypeLabels; lowIncome?: boolean; registeredPoor?: boolean; illnessPoverty?: boolean }) => ({
    address: p.address ?? '',
    familyType: familyTypeLabels[p.familyType],
    lowIncome: yesNo(p.lowIncome),
    registeredPoor: yesNo(p.registeredPoor),
    illnessPoverty: yesNo(p.illnessPoverty),
  });
  const { before, after } = diff(labels, values(profile), values(body));
  if (!Object.keys(after).length) return { body: familyDetailsView(profile) };
  const set = { address: body.address, familyType: body.familyType, lowIncome: body.lowIncome, registeredPoor: body.registeredPoor, illnessPoverty: body.illnessPoverty };
  const summary = Object.keys(after).map((label) => `${label}：${before[label] || '（空）'} → ${after[label]}`).join('；');
  await transact(
    [
      part('profile', profileUpdate(path.familyId, body.version, set)),
      part('change', changePut({ familyId: path.familyId, townshipId: profile.townshipId, kind: typeChanged ? 'family_type' : 'details', by: actor, summary: body.reason ? `${summary}（${body.reason}）` : summary, before, after }, now)),
    ],
    { refusals: staleRefusal },
  );
  return { body: familyDetailsView({ ...profile, ...set, version: body.version + 1 }) };
});
