import type { FamilyDetailsResponse } from '../../domain';
import type { FamilyProfileItem, HandedOver } from '../lib/db/items';
import { profileVersion } from '../lib/db/lifecycle/profile';

const handed = (h: HandedOver | undefined) => (h ? { on: h.on, byName: h.byName } : undefined);

export function familyDetailsView(p: FamilyProfileItem): FamilyDetailsResponse {
  return {
    familyId: p.familyId,
    familyName: p.familyName,
    version: profileVersion(p),
    status: p.status ?? 'active',
    familyType: p.familyType,
    lowIncome: p.lowIncome === true,
    registeredPoor: p.registeredPoor === true,
    illnessPoverty: p.illnessPoverty === true,
    address: p.address ?? '',
    townshipId: p.townshipId,
    townshipName: p.townshipName,
    villageId: p.villageId,
    villageName: p.villageName,
    members: p.members.map((m) => ({
      personId: m.personId,
      name: m.name,
      relation: m.relation,
      gender: m.gender,
      birthDate: m.birthDate,
      phoneMasked: m.phoneMasked,
      ...(m.deceasedOn ? { deceasedOn: m.deceasedOn } : {}),
    })),
    card: {
      cardNo: p.card.cardNo,
      status: p.card.status,
      issuedOn: p.card.issuedOn,
      handedOver: handed(p.card.handedOver),
      infoCardHandedOver: handed(p.card.infoCardHandedOver),
    },
  };
}
