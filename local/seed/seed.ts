import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPutAll } from '../../functions/lib/db/batch';
import { toBeijingIso } from '../../domain';
import { maskPhone } from '../../domain/policy/masking';
import { blindIndex, encryptField } from '../../functions/lib/crypto/field-crypto';
import { db, tableName } from '../../functions/lib/db/client';
import type { BindingItem, FamilyContactItem, FamilyProfileItem, PersonItem, SigningItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { seedInstitutions, seedSchedules, seedSecondHospitalStaff } from './booking';
import { buildFollowUpItems } from './followups';
import { buildLedgerSeed } from './ledger';
import { buildSigningSeed } from './signing';
import { seedNeighbourDoctor } from './team-staff';
import { buildMessagingSeed } from './messaging';
import { buildInformationSeed } from './information';
import { bindOpenid, getPerson } from '../../functions/lib/db/persons';
import { handOverDemoCards, importDemoRegister, townshipCounterItems } from './families';
import { assignDemoContacts } from './contacts';
import { getFamilyRecord } from '../../functions/lib/db/families';
import { createStaff, newStaffItems, type NewStaff } from '../../functions/lib/db/staff';
import { postOf, staffPosts, type StaffPost } from '../../domain';
import { county, demoOpenid, doctorTeam, families, idNumberOf, staff, UNBOUND_PERSON_ID, villages } from './demo-county';

const SEED_MARKER = { pk: 'SEED', sk: 'demo-county' };

/** Writes the demo county unless it is already there. Returns whether it wrote anything. */
export async function seedDemoCountyIfEmpty(now = new Date()): Promise<boolean> {
  const marker = await db().send(new GetCommand({ TableName: tableName(), Key: SEED_MARKER }));
  if (marker.Item) return false;
  // Staff are created and bound through the product's own code paths; what those wrote is not written again.
  const written = new Set<string>();
  const items = await buildDemoItems(now, written);
  // The marker is written only after every item is in, so a failed seed is retried next start.
  const all = [...items, ...(await buildSigningSeed(items, now, written))] as unknown as Record<string, unknown>[];
  // The ledger's counters are derived from the families, contacts and signings written above.
  const derived = [...all, ...buildLedgerSeed(all as Parameters<typeof buildLedgerSeed>[0], now), ...buildInformationSeed(now)];
  await seedNeighbourDoctor(written);
  await batchPutAll(derived.filter((i) => !written.has(`${String(i.pk)}|${String(i.sk)}`)));
  await seedInstitutions(now);
  await seedSchedules(now);
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...SEED_MARKER, seededAt: toBeijingIso(now), items: items.length } }));
  return true;
}

export async function personItem(base: Omit<PersonItem, 'pk' | 'sk' | 'entity' | 'idNumberEnc' | 'phoneEnc' | 'phoneMasked' | 'gsi1pk' | 'gsi1sk'>, phone: string): Promise<PersonItem> {
  return {
    ...keys.person(base.personId),
    entity: 'person',
    ...base,
    idNumberEnc: await encryptField(idNumberOf(base.personId, base.birthDate, base.gender), `${base.personId}:id_number`),
    phoneEnc: await encryptField(phone, `${base.personId}:phone`),
    phoneMasked: maskPhone(phone),
    gsi1pk: keys.personByPhone(await blindIndex('phone', phone)),
    gsi1sk: `PERSON#${base.personId}`,
  };
}

type SeedItem = Record<string, unknown> | PersonItem | BindingItem | FamilyProfileItem | FamilyContactItem | SigningItem | ReturnType<typeof buildFollowUpItems>[number];

/**
 * Creates a staff member as the form and the staff import do (lib/db/staff.ts), then binds their
 * WeChat as the bind route does, and notes the keys written so the batch below skips them.
 */
export async function createSeedStaff(input: NewStaff, boundAt: string | undefined, written: Set<string>): Promise<PersonItem> {
  const { items } = await newStaffItems(input);
  const person = await createStaff(input);
  for (const i of items as Array<{ pk: string; sk: string }>) written.add(`${i.pk}|${i.sk}`);
  if (!boundAt) return person;
  const openid = demoOpenid(person.personId);
  await bindOpenid(openid, person.personId, boundAt);
  written.add(`${keys.binding(openid).pk}|${keys.binding(openid).sk}`);
  return { ...person, openid, boundAt };
}

const demoPost = (s: (typeof staff)[number]): StaffPost => postOf({ role: s.role, contactLevel: s.contactLevel, commissionLevel: s.commissionLevel })!;

export async function buildDemoItems(now: Date, written: Set<string>): Promise<SeedItem[]> {
  const boundAt = toBeijingIso(now);
  const items: SeedItem[] = [];
  for (const s of staff) {
    const post = demoPost(s);
    const teamRole = s.role === 'doctor' ? doctorTeam.members.find((m) => m.name === s.name)?.role : undefined;
    const person = await createSeedStaff(
      {
        personId: s.personId,
        post,
        name: s.name,
        idNumber: idNumberOf(s.personId, s.birthDate, s.gender),
        phone: s.phone,
        countyId: county.countyId,
        townshipId: staffPosts[post].region === 'township' ? s.regionId : undefined,
        orgId: s.orgId,
        organisation: s.organisation,
        title: s.title,
        workPhone: s.workPhone,
        teamRoles: teamRole ? [teamRole] : undefined,
      },
      boundAt,
      written,
    );
    items.push(person);
  }

  // The register goes in through the import, the contacts through the bulk assignment, the cards
  // out through the hand-over (families.ts, contacts.ts); what those wrote is read back for what
  // the rest of the seed derives from it, and not written again.
  await batchPutAll(townshipCounterItems());
  await importDemoRegister();
  await assignDemoContacts();
  const profiles = await handOverDemoCards();
  for (const f of families) {
    const profile = profiles.find((p) => p.familyId === f.familyId)!;
    const village = villages.find((v) => v.villageId === f.villageId)!;
    items.push(profile);
    written.add(`${profile.pk}|${profile.sk}`);
    const doctorId = village.townshipId === 't_chengguan' ? 'p_doc01' : 'p_doc03';
    for (const contact of (await getFamilyRecord(f.familyId))!.contacts) {
      items.push(contact);
      written.add(`${contact.pk}|${contact.sk}`);
    }

    for (const mem of f.members) {
      // Members bind their WeChat as the bind route does; one is left unbound to show that path.
      if (mem.personId !== UNBOUND_PERSON_ID) await bindOpenid(demoOpenid(mem.personId), mem.personId, boundAt);
      const person = (await getPerson(mem.personId))!;
      items.push(person);
      written.add(`${person.pk}|${person.sk}`);
      if (mem.signed && f.contacts.includes('doctor')) {
        const signing: SigningItem = {
          ...keys.familySigning(f.familyId, mem.personId),
          entity: 'signing',
          familyId: f.familyId,
          memberId: mem.personId,
          doctorId,
          teamName: doctorTeam.name,
          signedOn: f.cardIssuedOn,
          member: { name: mem.name, gender: mem.gender, birthDate: mem.birthDate, villageName: village.name, conditions: mem.conditions, phoneMasked: maskPhone(mem.phone) },
          gsi1pk: keys.staffPk(doctorId),
          gsi1sk: keys.staffMemberSk(mem.personId),
        };
        items.push(signing);
      }
    }
  }
  await seedSecondHospitalStaff(now, written);
  items.push(...buildFollowUpItems(now));
  items.push(...(buildMessagingSeed(items as ReadonlyArray<{ entity: string }>, now) as unknown as SeedItem[]));
  return items;
}
