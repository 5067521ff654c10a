import { actingMessages } from '../../domain';
import { batchPutAll } from '../../functions/lib/db/batch';
import { townshipStatsItem } from '../../functions/lib/db/coverage';
import type { FamilyProfileItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { teamItems } from '../../functions/lib/db/signing';
import { call, tokenFor } from '../support/api';
import { binding, person } from './signing-fixture';
import { auditEventsOf, expectApiError, getItem, operations, queryPartition } from './support-table';

/**
 * A family-doctor contract signed on paper for an elder without a smartphone: a doctor of the
 * contract's team uploads a photo of the signed form through the signature's own upload path and
 * confirms it acting for the family (代办). Its own fixture county (persons p_sgp…, families
 * f_sgp…, team tm_sgp…, village v_sgp…): see support-table.ts.
 */
const P = {
  county: 'c_sgptest', township: 't_sgptown', teamA: 'tm_sgpA', teamB: 'tm_sgpB',
  lead: 'p_sgplead', doc: 'p_sgpdoc', leadB: 'p_sgplead2', cadre: 'p_sgpcadre',
  elder: 'p_sgpm01', optedOut: 'p_sgpm02',
};
const fam = (memberId: string) => `f_sgp${memberId.slice(-2)}`;
const contractPath = (memberId: string, contractId: string, verb: string) => `/families/${fam(memberId)}/members/${memberId}/contracts/${contractId}/${verb}`;
// A JPEG's first bytes, padded to 2 MB: over a drawn signature's 1 MB, within a photo's 5 MB.
const JPEG = Buffer.alloc(2 * 1024 * 1024);
Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]).copy(JPEG);

const staffView = (personId: string, name: string, role: 'gp' | 'village_doctor') => ({ personId, name, role, title: '全科医生', organisation: '测试卫生院', phone: '0311-80000000' });

async function writeFixture(): Promise<void> {
  const items: object[] = [];
  for (const [id, name, role] of [[P.lead, '丙组长', 'doctor'], [P.doc, '丙医生', 'doctor'], [P.leadB, '丁组长', 'doctor'], [P.cadre, '丙干部', 'contact']] as const) {
    items.push(person(id, name, role, role === 'contact' ? { contactLevel: 'village' } : {}), binding(id));
  }
  items.push(
    ...teamItems({
      teamId: P.teamA, name: '测试丙团队', countyId: P.county, townshipId: P.township, povertyForm: false,
      villageIds: ['v_sgpA'], villageNames: ['丙村'], leadId: P.lead, responsibleByVillage: { v_sgpA: P.lead },
      members: [staffView(P.lead, '丙组长', 'gp'), staffView(P.doc, '丙医生', 'village_doctor')],
    }),
    ...teamItems({
      teamId: P.teamB, name: '测试丁团队', countyId: P.county, townshipId: P.township, povertyForm: false,
      villageIds: ['v_sgpB'], villageNames: ['丁村'], leadId: P.leadB, responsibleByVillage: {},
      members: [staffView(P.leadB, '丁组长', 'gp')],
    }),
  );
  for (const [memberId, name] of [[P.elder, '郑老'], [P.optedOut, '王老']] as const) {
    const familyId = fam(memberId);
    const profile: FamilyProfileItem = {
      ...keys.familyProfile(familyId), entity: 'family', familyId, familyName: `${name}家`, familyType: 'bereaved', lowIncome: false, registeredPoor: false, illnessPoverty: false,
      countyId: P.county, townshipId: P.township, townshipName: '测试丙镇', villageId: 'v_sgpA', villageName: '丙村',
      members: [{ personId: memberId, name, relation: '本人', gender: 'female', birthDate: '1950-03-01', phoneMasked: '139****0000', conditions: [] }],
      card: { cardNo: `SGP${memberId.slice(-2)}`, issuedOn: '2026-01-01', issuer: '测试', version: 1, status: 'active' },
      helpline: { name: '测试卫健委', phone: '0311-80000001' },
      gsi1pk: keys.townshipPk(P.township), gsi1sk: keys.townshipFamilySk('v_sgpA', familyId),
      gsi2pk: keys.countyPk(P.county), gsi2sk: keys.countyFamilySk(P.township, 'v_sgpA', familyId),
    };
    items.push(profile, person(memberId, name, 'member', { familyId, relation: '本人' }), binding(memberId));
    items.push({
      ...keys.familyContact(familyId, P.cadre), entity: 'familyContact', familyId, kind: 'village_cadre', staffId: P.cadre, name: '丙干部', title: '村干部', organisation: '丙村', phone: '0311-80000002', assignedAt: '2026-01-01T00:00:00+08:00', gsi1pk: keys.staffPk(P.cadre), gsi1sk: keys.staffFamilySk(familyId),
    });
  }
  items.push(townshipStatsItem({ countyId: P.county, townshipId: P.township, townshipName: '测试丙镇' }, { families: 2, familiesWithAllContacts: 0, members: 2, wantingMembers: 0, signedMembers: 0, cardHolders: 2 }));
  await batchPutAll(items as Record<string, unknown>[]);
}

async function signMember(memberId: string): Promise<string> {
  const app = await call('POST', `/families/${fam(memberId)}/signing/applications`, { token: await tokenFor(memberId), body: { memberId } });
  expect(app.status).toBe(201);
  const res = await call('POST', `/team/applications/${memberId}/${app.body.applicationId}/accept`, { token: await tokenFor(P.lead), body: {} });
  expect(res.status).toBe(201);
  expect(res.body.confirmation).toBeUndefined();
  return res.body.contractId as string;
}

/** The doctor's phone: a paper-photo ticket from the API, then the file straight to S3. */
async function uploadPhoto(memberId: string, contractId: string, file: Uint8Array, uploader: string, contentType = 'image/jpeg') {
  const token = await tokenFor(uploader);
  const ticket = await call('POST', contractPath(memberId, contractId, 'signature/upload'), { token, body: { kind: 'paper', contentType, size: file.length } });
  expect(ticket.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), 'paper.jpg');
  const res = await fetch(ticket.body.url, { method: 'POST', body: form });
  return { key: ticket.body.key as string, status: res.status, token, ticket };
}

let elderContract = '';
let optedOutContract = '';

beforeAll(async () => {
  await writeFixture();
  elderContract = await signMember(P.elder);
  optedOutContract = await signMember(P.optedOut);
});

describe('a contract signed on paper', () => {
  test('a contact person, another team\'s doctor or the member get no paper-photo ticket', async () => {
    const body = { kind: 'paper', contentType: 'image/jpeg', size: 1000 };
    const path = contractPath(P.elder, elderContract, 'signature/upload');
    const contact = await call('POST', path, { token: await tokenFor(P.cadre), body });
    expectApiError(contact, 403, 'forbidden');
    expect(contact.ddbRequests).toBe(0);
    const other = await call('POST', path, { token: await tokenFor(P.leadB), body });
    expectApiError(other, 403, 'forbidden');
    expect(other.body.message).toBe(actingMessages.notSigned);
    expectApiError(await call('POST', path, { token: await tokenFor(P.elder), body }), 403, 'forbidden');
    // A drawn signature stays limited to 1 MB.
    expectApiError(await call('POST', path, { token: await tokenFor(P.doc), body: { contentType: 'image/jpeg', size: JPEG.length } }), 400, 'invalid_request');
  });

  test('not a photo: 400 on the key and nothing written', async () => {
    const before = await queryPartition(keys.signingPk(P.elder));
    const up = await uploadPhoto(P.elder, elderContract, Buffer.from('not a jpeg at all'), P.doc);
    expect(up.status).toBe(204);
    const res = await call('PUT', contractPath(P.elder, elderContract, 'signature'), { token: up.token, body: { kind: 'paper', key: up.key } });
    expectApiError(res, 400, 'invalid_request');
    expect(res.body.fields).toEqual({ 'body.key': '不是 PNG 或 JPEG 图片' });
    expect(await queryPartition(keys.signingPk(P.elder))).toEqual(before);
    expect((await auditEventsOf(fam(P.elder))).filter((e) => e.action === 'paperContract')).toEqual([]);
  });

  test('a doctor of the team (not the signed doctor) confirms with the photo: active, paper, who acted; the family sees it and the photo', async () => {
    const up = await uploadPhoto(P.elder, elderContract, JPEG, P.doc);
    expect(up.status).toBe(204);
    expect(up.ticket.body.maxBytes).toBe(5 * 1024 * 1024);
    expect(up.key).toMatch(new RegExp(`^sign/${fam(P.elder)}/${elderContract}/${P.doc}/[0-9a-f-]+\\.jpg$`));
    const path = contractPath(P.elder, elderContract, 'signature');
    const res = await call('PUT', path, { token: up.token, body: { kind: 'paper', key: up.key } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', confirmation: { kind: 'paper', byName: '郑老', actedBy: { staffId: P.doc, name: '丙医生', role: 'doctor' } } });
    // One BatchGet (acting checks and the contract), one GetItem (the team's membership), one transaction.
    expect(operations(res)).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    const item = await getItem(keys.signingContract(P.elder, elderContract));
    expect(item?.confirmation).toMatchObject({ kind: 'paper', key: up.key, imageKind: 'jpeg', bytes: JPEG.length, byId: P.elder, actedBy: { staffId: P.doc, role: 'doctor' } });
    const audit = (await auditEventsOf(fam(P.elder))).filter((e) => e.action === 'paperContract');
    expect(audit).toEqual([expect.objectContaining({ viewerId: P.doc, viewerName: '丙医生', subjectId: P.elder })]);

    // The family's own page says who did it, and the member sees the photo as they would a signature.
    const member = await tokenFor(P.elder);
    const page = await call('GET', `/families/${fam(P.elder)}/members/${P.elder}/contracts`, { token: member });
    expect(page.body.current.confirmation).toMatchObject({ kind: 'paper', actedBy: { name: '丙医生' } });
    const photo = await call('GET', path, { token: member });
    expect(photo.status).toBe(200);
    expect(photo.body.kind).toBe('paper');
    const image = await fetch(photo.body.url);
    expect(Buffer.from(await image.arrayBuffer()).equals(JPEG)).toBe(true);

    // Once only: a repeat is told it is done, and writes nothing.
    const again = await call('PUT', path, { token: up.token, body: { kind: 'paper', key: up.key } });
    expectApiError(again, 409, 'conflict');
    expect((await auditEventsOf(fam(P.elder))).filter((e) => e.action === 'paperContract')).toHaveLength(1);
  });

  test('a family that asked that nobody acts for it: refused, nothing written', async () => {
    const member = await tokenFor(P.optedOut);
    expect((await call('PUT', `/families/${fam(P.optedOut)}/acting-setting`, { token: member, body: { refused: true } })).status).toBe(200);
    const lead = await tokenFor(P.lead);
    const ticket = await call('POST', contractPath(P.optedOut, optedOutContract, 'signature/upload'), { token: lead, body: { kind: 'paper', contentType: 'image/jpeg', size: 1000 } });
    expectApiError(ticket, 403, 'acting_refused');
    expect(ticket.body.message).toBe(actingMessages.refused);
    const before = await queryPartition(keys.signingPk(P.optedOut));
    const res = await call('PUT', contractPath(P.optedOut, optedOutContract, 'signature'), {
      token: lead,
      body: { kind: 'paper', key: `sign/${fam(P.optedOut)}/${optedOutContract}/${P.lead}/0b7f0c1e-2d2c-4a8f-9d55-1f0f3f9d1a2b.jpg` },
    });
    expectApiError(res, 403, 'acting_refused');
    expect(await queryPartition(keys.signingPk(P.optedOut))).toEqual(before);
    expect((await auditEventsOf(fam(P.optedOut))).filter((e) => e.action === 'paperContract')).toEqual([]);
  });
});
