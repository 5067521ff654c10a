import { FamilyPath, type FamilyContactsResponse, missingContactKinds } from '../../domain';
import { getFamilyRecord } from '../lib/db/families';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { byContactKind, familyContact } from './present';

/** One Query reads the profile and every contact (not the signings); nothing sensitive is returned. */
export const handler = routeHandler('families.getContacts', { path: FamilyPath }, async ({ path }) => {
  const record = await getFamilyRecord(path.familyId);
  if (!record) throw notFound('没有找到这户家庭');
  const { profile, contacts } = record;
  const missing = missingContactKinds(contacts.map((c) => c.kind)).map((kind) => ({
    kind,
    whoToAsk: `请联系${profile.helpline.name}，为您家安排${kind === 'doctor' ? '签约家庭医生' : '联系人'}`,
    phone: profile.helpline.phone,
  }));
  const body: FamilyContactsResponse = {
    familyId: profile.familyId,
    familyName: profile.familyName,
    villageName: profile.villageName,
    townshipName: profile.townshipName,
    contacts: [...contacts].sort(byContactKind).map(familyContact),
    missing,
  };
  return { body };
});
