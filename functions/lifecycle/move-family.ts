import { beijingWhen, canHold, isActiveRequest, contactKindLabels, FamilyPath, MoveRequest, toBeijingIso, type ContactKind } from '../../domain';
import { tableName } from '../lib/db/client';
import { townshipStatsAdd } from '../lib/db/coverage';
import { handoverNoticeKey, handoverRecord } from '../lib/db/handover';
import type { FamilyContactItem, PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { changeEventPut } from '../lib/db/change-list';
import { changePut } from '../lib/db/lifecycle/changes';
import { familyRegionKeys, profileUpdate } from '../lib/db/lifecycle/profile';
import { figuresOf, getTownshipStats, negate, readRegionChange, readTownshipBound, summaryRegionUpdate, townshipBoundParts } from '../lib/db/lifecycle/region-change';
import { getPerson } from '../lib/db/persons';
import { part, parts, type Part, transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { outboxPut } from '../lib/notify/outbox';
import { familyForChange, requireCountyOfficer, staleRefusal } from './family-change';
import { familyDetailsView } from './views';

const TOWNSHIP_KINDS: ContactKind[] = ['township_leader', 'village_cadre'];
const requestsChanged = () => conflict('这户家庭的诉求或满意度调查刚有变化，迁移没有办理，什么也没有改变。请刷新后重试');

/**
 * A family moves to another township of the county. In one transaction: the profile and its list
 * keys, the ledger summary's township, the township leader and village cadre handed over to the
 * new township's people (hand-over records, the family told), the family's standing figures taken
 * from the old township and added to the new, its active requests and this quarter's survey answer
 * (with their counters) moved to the new township, and the change record. The doctor and volunteer
 * stay until the commission hands them over. Only the county may move a family between townships.
 * The week's and month's contact counters (STATS WEEK#/MONTH#) deliberately stay with the old
 * township: they measure the work its cadres did, the contact records they count stay indexed under
 * it (the export and the report read them there), and moving them would credit the new township
 * with visits it never made. The family's ledger summary moves, so later contacts count in the new
 * township, the family itself once per period wherever it was first contacted in it.
 */
export const handler = routeHandler('lifecycle.moveFamily', { path: FamilyPath, body: MoveRequest }, async ({ path, body, principal, now }) => {
  requireCountyOfficer(principal);
  const { profile, contacts, actor } = await familyForChange(path.familyId, body.version, principal);
  if (body.townshipId === profile.townshipId) throw badRequest('这户家庭已经在这个乡镇', { 'body.townshipId': '与现在的乡镇相同' });
  const [target, leader, cadre, reads, bound] = await Promise.all([
    getTownshipStats(profile.countyId, body.townshipId),
    getPerson(body.townshipLeaderId),
    getPerson(body.villageCadreId),
    readRegionChange(profile),
    readTownshipBound(path.familyId, now),
  ]);
  if (!target) throw badRequest('这个乡镇不在本县', { 'body.townshipId': '不在本县' });
  const check = (kind: ContactKind, p: PersonItem | undefined, field: string) => {
    if (!p || !canHold(kind, p) || p.regionId !== body.townshipId) throw badRequest(`这位人员不能担任新乡镇的${contactKindLabels[kind]}`, { [field]: '不是新乡镇的' + contactKindLabels[kind] });
    return p;
  };
  const to = { township_leader: check('township_leader', leader, 'body.townshipLeaderId'), village_cadre: check('village_cadre', cadre, 'body.villageCadreId') } as Record<string, PersonItem>;
  if (!reads.summary) throw conflict('这户家庭的台账记录不完整，请联系管理员');

  const at = toBeijingIso(now);
  const region = { townshipId: body.townshipId, townshipName: target.townshipName, villageId: body.villageId, villageName: body.villageName };
  const moved = { ...profile, ...region, address: body.address };
  // A place whose holder already serves the new township stays as it is.
  const stays = (c: FamilyContactItem) => !TOWNSHIP_KINDS.includes(c.kind) || to[c.kind]?.personId === c.staffId;
  const kept = contacts.filter(stays);
  const replaced = contacts.filter((c) => !stays(c));
  const writes: Part[] = [
    part('profile', profileUpdate(path.familyId, body.version, { ...region, address: body.address, ...familyRegionKeys({ familyId: profile.familyId, countyId: profile.countyId, ...region }) })),
    part('summary', summaryRegionUpdate(reads.summary, region)),
    ...replaced.map((c) => part('oldContact', { Delete: { TableName: tableName(), Key: keys.familyContact(path.familyId, c.staffId), ConditionExpression: 'attribute_exists(pk)' } })),
  ];
  const newContacts: FamilyContactItem[] = [];
  for (const kind of TOWNSHIP_KINDS) {
    const person = to[kind]!;
    if (kept.some((c) => c.staffId === person.personId)) continue;
    const old = replaced.find((c) => c.kind === kind);
    const contact: FamilyContactItem = {
      ...keys.familyContact(path.familyId, person.personId),
      entity: 'familyContact',
      familyId: path.familyId,
      kind,
      staffId: person.personId,
      name: person.name,
      title: person.title ?? '',
      organisation: person.organisation ?? '',
      phone: person.workPhone ?? '',
      assignedAt: at,
      gsi1pk: keys.staffPk(person.personId),
      gsi1sk: keys.staffFamilySk(path.familyId),
    };
    newContacts.push(contact);
    const record = handoverRecord({ familyId: path.familyId, townshipId: body.townshipId, kind, from: old, to: person, at, byStaffId: principal.personId, reason: `迁往${target.townshipName}` });
    writes.push(
      part('newContact', { Put: { TableName: tableName(), Item: contact, ConditionExpression: 'attribute_not_exists(pk)' } }),
      part('handover', { Put: { TableName: tableName(), Item: record, ConditionExpression: 'attribute_not_exists(pk)' } }),
      ...parts(
        'outbox',
        profile.members
          .filter((m) => !m.deceasedOn)
          .map((m) => outboxPut({ recipientId: m.personId, template: 'contact.changed', data: { role: contactKindLabels[kind], name: person.name, time: beijingWhen(at, at) }, page: 'packages/family/contacts/index', dedupeKey: handoverNoticeKey(record.handoverId, m.personId) }, now)),
      ),
    );
  }
  // Active requests, and this quarter's survey answer, are the new township's from now on.
  const reassign = new Map(replaced.map((c) => [c.staffId, { staffId: to[c.kind]!.personId, name: to[c.kind]!.name }]));
  writes.push(...townshipBoundParts({ profile, region, reassign, leader: { staffId: to.township_leader!.personId }, byName: actor.name || '卫健委' }, bound, now));
  const openRequests = bound.requests.filter((r) => isActiveRequest(r.status)).length;
  const before = figuresOf(profile, contacts, reads);
  const after = figuresOf(moved, [...kept, ...newContacts], reads);
  writes.push(
    part('counter', townshipStatsAdd(profile, negate(before))),
    part('counter', townshipStatsAdd({ countyId: profile.countyId, townshipId: body.townshipId }, after)),
    part(
      'change',
      changePut(
        {
          familyId: path.familyId,
          townshipId: body.townshipId,
          kind: 'move',
          by: actor,
          summary: `从${profile.townshipName}${profile.villageName}迁往${target.townshipName}${body.villageName}，联系人交接给${to.township_leader!.name}、${to.village_cadre!.name}${openRequests ? `，${openRequests} 件未办结的诉求转由${target.townshipName}办理` : ''}`,
          before: { 乡镇: profile.townshipName, 村: profile.villageName, 住址: profile.address ?? '', 乡镇联系人: contacts.filter((c) => TOWNSHIP_KINDS.includes(c.kind)).map((c) => c.name).join('、') },
          after: { 乡镇: target.townshipName, 村: body.villageName, 住址: body.address, 乡镇联系人: `${to.township_leader!.name}、${to.village_cadre!.name}` },
        },
        now,
      ),
    ),
  );
  // The township the family left sees the move in its change list too.
  writes.push(part('changeList', changeEventPut({ familyId: path.familyId, townshipId: profile.townshipId, kind: 'moved_away', byName: actor.name, toTownshipId: body.townshipId }, now)));
  await transact(writes, { refusals: { ...staleRefusal, requestsSummary: requestsChanged, request: requestsChanged, surveyCounter: requestsChanged } });
  return { body: familyDetailsView({ ...moved, version: body.version + 1 }) };
});
