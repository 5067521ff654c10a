import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { toBeijingIso } from '../../domain';
import { maskPhone } from '../../domain/policy/masking';
import { blindIndex, encryptField } from '../../functions/lib/crypto/field-crypto';
import { db, tableName } from '../../functions/lib/db/client';
import type { BindingItem, FamilyContactItem, FamilyProfileItem, PersonItem, SigningItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { seedInstitutions, seedSchedules, seedSecondHospitalStaff } from './booking';
import { seedFollowUps } from './followups';
import { recordDemoContacts } from './contact-log';
import { buildSigningSeed } from './signing';
import { seedNeighbourDoctor } from './team-staff';
import { openDemoConsultation } from './messaging';
import { seedInformation } from './information';
import { seedDemoCity } from './city';
import { bindOpenid } from '../../functions/lib/db/persons';
import { handOverDemoCards, importDemoRegister, seedTownships } from './families';
import { assignDemoContacts } from './contacts';
import { getFamilyRecord } from '../../functions/lib/db/families';
import { createStaff, type NewStaff } from '../../functions/lib/db/staff';
import { postOf, staffPosts, type StaffPost } from '../../domain';
import { county, demoOpenid, doctorTeam, families, idNumberOf, staff, UNBOUND_PERSON_ID } from './demo-county';

const SEED_MARKER = { pk: 'SEED', sk: 'demo-county' };

/** Writes the demo county unless it is already there. Returns whether it wrote anything. */
export async function seedDemoCountyIfEmpty(now = new Date()): Promise<boolean> {
  const marker = await db().send(new GetCommand({ TableName: tableName(), Key: SEED_MARKER }));
  if (marker.Item) return false;
  // The townships' counter items first: the import, every later change and the institutions' region check need them.
  await seedTownships();
  // The institutions, their schedules and the neighbouring county's doctor touch nothing of the
  // families: they go in alongside (the seed is part of every `npm start` and test stack).
  const [items] = await Promise.all([buildDemoItems(now), seedInstitutions(now).then(() => seedSchedules(now)), seedNeighbourDoctor()]);
  // The marker is written only after every item is in, so a failed seed is retried next start.
  await buildSigningSeed(items, now);
  // Health files, follow-ups and prescriptions go through the follow-up routes' cores, which need the signings.
  await seedFollowUps(now);
  await recordDemoContacts(now);
  // Articles, the 帮扶 list and the consultation go through their routes once the teams and signings are in.
  await Promise.all([seedInformation(now), openDemoConsultation(now)]);
  await seedDemoCity(now);
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

type SeedItem = Record<string, unknown> | PersonItem | BindingItem | FamilyProfileItem | FamilyContactItem | SigningItem;

/**
 * Creates a staff member as the form and the staff import do (lib/db/staff.ts), then binds their
 * WeChat as the bind route does.
 */
export async function createSeedStaff(input: NewStaff, boundAt: string | undefined): Promise<PersonItem> {
  const person = await createStaff(input);
  if (!boundAt) return person;
  const openid = demoOpenid(person.personId);
  await bindOpenid(openid, person.personId, boundAt);
  return { ...person, openid, boundAt };
}

const demoPost = (s: (typeof staff)[number]): StaffPost => postOf({ role: s.role, contactLevel: s.contactLevel, commissionLevel: s.commissionLevel })!;

export async function buildDemoItems(now: Date): Promise<SeedItem[]> {
  const boundAt = toBeijingIso(now);
  const items: SeedItem[] = [];
  // Staff and the register go in side by side: the contacts' assignment below needs both.
  const [staffPersons] = await Promise.all([
    Promise.all(
      staff.map((s) => {
        const post = demoPost(s);
        const teamRole = s.role === 'doctor' ? doctorTeam.members.find((m) => m.name === s.name)?.role : undefined;
        return createSeedStaff(
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
        );
      }),
    ),
    importDemoRegister(),
  ]);
  items.push(...staffPersons);

  // The register goes in through the import, the contacts through the bulk assignment, the cards
  // out through the hand-over (families.ts, contacts.ts); the families as they then stand are read
  // back for what the rest of the seed derives from them, and not written again.
  // Members bind their WeChat as the bind route does (one is left unbound to show that path),
  // alongside: binding touches only the members' own items.
  const members = families.flatMap((f) => f.members).filter((m) => m.personId !== UNBOUND_PERSON_ID);
  await Promise.all([
    assignDemoContacts().then(handOverDemoCards),
    ...members.map((m) => bindOpenid(demoOpenid(m.personId), m.personId, boundAt)),
    seedSecondHospitalStaff(now),
  ]);
  for (const record of await Promise.all(families.map((f) => getFamilyRecord(f.familyId)))) {
    items.push(record!.profile, ...record!.contacts);
  }
  return items;
}
