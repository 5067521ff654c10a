import { batchPutAll } from '../../functions/lib/db/batch';
import type { BindingItem, FamilyContactItem, FamilyProfileItem, PersonItem, SigningItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { stateItem } from '../../functions/lib/db/signing';
import { buildLedgerSeed } from '../../local/seed/ledger';
import type { ContactKind, FamilyType } from '../../domain';

/** Per-family differences a suite may ask for (the report's population table needs types, ages, 建档立卡 and couples). */
export interface FamilyVariation {
  familyType?: FamilyType;
  poverty?: boolean;
  birthDate?: string;
  /** A second member (the spouse), with this birth date. */
  spouseBirthDate?: string;
}

/**
 * A county of the ledger tests' own (c_lg6test), written straight into the table, so the ledger
 * suites can record contacts, hand families over and count without touching the demo county that
 * other suites read (support-table.ts: FAMILY#f_lg6… partitions are excluded from the seed check).
 * `tag` keeps the worlds of different files apart.
 */
export function ledgerWorld(tag: string) {
  const countyId = `c_lg6${tag}`;
  const tA = `t_lg6${tag}a`;
  const tB = `t_lg6${tag}b`;
  const p = (name: string) => `p_lg6${tag}${name}`;
  const f = (n: number) => `f_lg6${tag}${String(n).padStart(3, '0')}`;
  const ids = {
    countyId,
    townships: [tA, tB] as const,
    // Villages of this world only (tag in the id), so a signing team given to them reaches no other.
    villages: [`v_lg6${tag}va`, `v_lg6${tag}vb`] as const,
    cadre: p('cadre'),
    cadre2: p('cadrenew'),
    lead: p('lead'),
    doctor: p('doc'),
    commCounty: p('comm'),
    commTownship: p('commb'),
    member: p('mem001'),
    family: f,
  };
  return ids;
}

export type LedgerWorld = ReturnType<typeof ledgerWorld>;

const person = (personId: string, name: string, extra: Partial<PersonItem>): PersonItem => ({
  ...keys.person(personId),
  entity: 'person',
  personId,
  name,
  role: 'contact',
  gender: 'female',
  birthDate: '1970-01-01',
  idNumberEnc: 'not-used-by-these-tests',
  phoneEnc: 'not-used-by-these-tests',
  phoneMasked: '139****0000',
  gsi1pk: `PHONE#ledger-test-${personId}`,
  gsi1sk: `PERSON#${personId}`,
  openid: `demo-openid-${personId}`,
  ...extra,
});

/**
 * Writes the world: `families` families in two townships (odd ones in B), all with the cadre,
 * leader and doctor except family 2, which lacks a village cadre; one member per family, signed
 * in even families (projection and STATE item, no contract). Returns the profiles.
 */
export async function writeLedgerWorld(w: LedgerWorld, families: number, defaultBirthDate = '1950-06-15', vary: (n: number) => FamilyVariation = () => ({})): Promise<FamilyProfileItem[]> {
  const staff: PersonItem[] = [
    person(w.cadre, '测试村干部', { contactLevel: 'village', regionId: w.townships[0], organisation: '测试村委会', title: '村主任', workPhone: '13900000001' }),
    person(w.cadre2, '接任村干部', { contactLevel: 'village', regionId: w.townships[0], organisation: '测试村委会', title: '村委委员', workPhone: '13900000002' }),
    person(w.lead, '测试镇领导', { contactLevel: 'township', regionId: w.townships[0], organisation: '测试镇政府', title: '副镇长', workPhone: '13900000003' }),
    person(w.doctor, '测试医生', { role: 'doctor', organisation: '测试卫生院', title: '全科医生', workPhone: '13900000004' }),
    person(w.commCounty, '测试县卫健委', { role: 'commission', commissionLevel: 'county', regionId: w.countyId, organisation: '测试县卫健委', title: '科长' }),
    person(w.commTownship, '测试乡专干', { role: 'commission', commissionLevel: 'township', regionId: w.townships[1], organisation: '测试乡', title: '计生专干' }),
  ];
  const items: Array<Record<string, unknown>> = [];
  const seedItems: Array<{ entity: string }> = [...staff];
  const profiles: FamilyProfileItem[] = [];
  for (let n = 1; n <= families; n++) {
    const familyId = w.family(n);
    const townshipId = w.townships[n % 2 === 1 && n > 1 ? 1 : 0];
    const villageId = w.villages[townshipId === w.townships[0] ? 0 : 1];
    const memberId = n === 1 ? w.member : `p_lg6m${familyId.slice(-6)}`;
    const v = vary(n);
    const birthDate = v.birthDate ?? defaultBirthDate;
    const spouseId = `p_lg6s${familyId.slice(-6)}`;
    const profile: FamilyProfileItem = {
      ...keys.familyProfile(familyId),
      entity: 'family',
      familyId,
      familyName: `测试${n}号家`,
      familyType: v.familyType ?? 'bereaved',
      lowIncome: false,
      registeredPoor: v.poverty ?? false,
      illnessPoverty: false,
      countyId: w.countyId,
      townshipId,
      townshipName: townshipId === w.townships[0] ? '甲镇' : '乙乡',
      villageId,
      villageName: '测试村',
      members: [
        { personId: memberId, name: `成员${n}`, relation: '本人', gender: 'male', birthDate, phoneMasked: '138****0000', conditions: [] },
        ...(v.spouseBirthDate ? [{ personId: spouseId, name: `配偶${n}`, relation: '配偶', gender: 'female' as const, birthDate: v.spouseBirthDate, phoneMasked: '138****0001', conditions: [] }] : []),
      ],
      card: { cardNo: `T${n}`, issuedOn: '2025-01-01', issuer: '测试', version: 1, status: n % 3 === 0 ? 'revoked' : 'active', ...(n % 4 === 0 ? {} : { handedOver: { on: '2025-01-02', byId: w.cadre, byName: '测试村干部' } }) },
      helpline: { name: '测试县卫健委', phone: '0311-86900000' },
      gsi1pk: keys.townshipPk(townshipId),
      gsi1sk: keys.townshipFamilySk(villageId, familyId),
      gsi2pk: keys.countyPk(w.countyId),
      gsi2sk: keys.countyFamilySk(townshipId, villageId, familyId),
    };
    profiles.push(profile);
    seedItems.push(profile);
    const kinds: Array<[ContactKind, string]> = [['township_leader', w.lead], ['doctor', w.doctor]];
    if (n !== 2) kinds.push(['village_cadre', w.cadre]);
    for (const [kind, staffId] of kinds) {
      const s = staff.find((x) => x.personId === staffId)!;
      const contact: FamilyContactItem = {
        ...keys.familyContact(familyId, staffId),
        entity: 'familyContact',
        familyId,
        kind,
        staffId,
        name: s.name,
        title: s.title ?? '',
        organisation: s.organisation ?? '',
        phone: s.workPhone ?? '',
        assignedAt: '2025-01-01T09:00:00+08:00',
        gsi1pk: keys.staffPk(staffId),
        gsi1sk: keys.staffFamilySk(familyId),
      };
      seedItems.push(contact);
    }
    items.push(person(memberId, `成员${n}`, { role: 'member', familyId, relation: '本人' }) as unknown as Record<string, unknown>);
    if (v.spouseBirthDate) items.push(person(spouseId, `配偶${n}`, { role: 'member', familyId, relation: '配偶', birthDate: v.spouseBirthDate }) as unknown as Record<string, unknown>);
    if (n % 2 === 0) {
      const signing: SigningItem = {
        ...keys.familySigning(familyId, memberId),
        entity: 'signing',
        familyId,
        memberId,
        doctorId: w.doctor,
        teamName: '测试团队',
        signedOn: '2025-01-01',
        member: { name: `成员${n}`, gender: 'male', birthDate, villageName: '测试村', conditions: [], phoneMasked: '138****0000' },
        gsi1pk: keys.staffPk(w.doctor),
        gsi1sk: keys.staffMemberSk(memberId),
      };
      seedItems.push(signing);
      // Its STATE item too, as the signing feature keeps it: a signed member also wants signing.
      const snapshot = { name: `成员${n}`, relation: '本人', gender: 'male' as const, birthDate, villageId, villageName: '测试村', townshipId, townshipName: profile.townshipName, countyId: w.countyId, conditions: [], phoneMasked: '138****0000' };
      seedItems.push(stateItem(memberId, familyId, snapshot, { state: 'signed', teamName: '测试团队', updatedAt: '2025-01-01T09:00:00+08:00' }));
    }
  }
  for (const s of [...staff, ...items.filter((i) => i.entity === 'person')] as PersonItem[]) {
    const binding: BindingItem = { ...keys.binding(s.openid!), entity: 'binding', openid: s.openid!, personId: s.personId, boundAt: '2025-01-01T09:00:00+08:00' };
    items.push(binding as unknown as Record<string, unknown>);
  }
  const ledger = buildLedgerSeed(seedItems, new Date(), []);
  await batchPutAll([...(seedItems as unknown as Record<string, unknown>[]), ...items, ...ledger]);
  return profiles;
}
