import { PRIVACY_GUIDE_VERSION } from '../../domain';
import { routes, type RouteId } from '../../functions/routes';
import { families, idNumberOf } from '../../local/seed/demo-county';
import { call, tokenFor, wxLoginCode } from '../support/api';
import { keys } from '../../functions/lib/db/keys';
import { bookingBadInput } from './booking-bad-input';
import { institutionsBadInput } from './institutions-bad-input';
import { countySupportBadInput } from './county-support-bad-input';
import { requestsBadInput } from './requests-bad-input';
import { informationBadInput } from './information-bad-input';
import { problemsBadInput } from './problems-bad-input';
import { reportBadInput } from './report-bad-input';
import { walkInBadInput } from './walk-in-bad-input';
import { peopleBadInput } from './people-bad-input';
import { actingBadInput } from './acting-bad-input';
import { lifecycleBadInput, policySupportBadInput } from './lifecycle-bad-input';
import { changesBadInput } from './changes-bad-input';
import { doubleSigningBadInput } from './double-signing-bad-input';
import { matchRoute } from '../../local/api-gateway';
import { f, UNKNOWN, type BadCase as BadCaseOf } from './bad-case';
import { CHINESE, expectSliceUnchanged, freshOpenid, getItem, rateLimitKey, SEED_PARTITIONS, sliceFingerprint, type SliceFingerprint, touchable } from './support-table';

/**
 * Bad input for every route, generated against the route table: a route without cases here fails
 * the suite. Every case must be refused with 400 (415 for a body that is not JSON), an error code,
 * a Chinese message and, for validation, a Chinese message per field; and must write nothing:
 * no DynamoDB request at all (x-lianxin-ddb-requests = 0), and the partitions it names or could
 * write unchanged (support-table.ts explains why that is sound with parallel workers).
 *
 * Callers are ones no other suite writes: member p_m0008 (f_0005), contact p_cadre02 (西街村,
 * f_0004..f_0006), doctor p_doc03 (柳林乡); the county officer p_comm01 is the only commission
 * caller, and as the matrix records his consent his person item is left out of the slices (the
 * list routes he calls write nothing in any case; the request count proves it).
 */
type Caller = 'public' | 'p_m0008' | 'p_cadre02' | 'p_doc03' | 'p_comm01' | 'p_hosp02';

type BadCase = BadCaseOf<Caller>;

// A real bind ticket for a WeChat user of this file, and answers of a seeded, bound person
// (孙长海, p_m0006): with valid input these would reach 409, so only validation can refuse them.
const bindOpenid = freshOpenid('t-bad-');
let bindTicket = '';
const sun = (() => {
  const m = families.flatMap((x) => x.members).find((x) => x.personId === 'p_m0006')!;
  return { name: m.name, idLast6: idNumberOf(m.personId, m.birthDate, m.gender).slice(-6), phone: m.phone };
})();
const bindTouch = { openid: bindOpenid, boundPerson: 'p_m0006' };
const bindBody = (change: Record<string, unknown> = {}, drop: string[] = []) => {
  const body: Record<string, unknown> = { bindTicket, ...sun, ...change };
  for (const k of drop) delete body[k];
  return body;
};
const consent = (change: Record<string, unknown> = {}, drop: string[] = []) => {
  const body: Record<string, unknown> = { privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: false, ...change };
  for (const k of drop) delete body[k];
  return body;
};

const badFamilyIds: Array<[string, string]> = [
  ['not an id', 'not-an-id'],
  ['wrong prefix', 'p_0005'],
  ['upper-case prefix', 'F_0005'],
  ['too short', 'f_00'],
  ['oversize (41 characters after the prefix)', `f_${'1'.repeat(41)}`],
  ['punctuation', "f_0005'or'1"],
  ['an encoded path', 'f_0005%2F..%2Ff_0001'],
  ['Chinese characters', encodeURIComponent('f_家庭')],
];

function pageQueryCases(caller: Caller, base: string, touch?: BadCase['touch']): BadCase[] {
  const q = (label: string, query: string, fields: Record<string, string | true>): BadCase => ({ label, caller, path: `${base}?${query}`, fields, touch });
  return [
    q('limit=0', 'limit=0', { 'query.limit': '每页数量至少为 1' }),
    q('limit=101', 'limit=101', { 'query.limit': '每页数量最多为 100' }),
    q('limit=abc (wrong type)', 'limit=abc', f(['query.limit'])),
    q('limit=-1', 'limit=-1', f(['query.limit'])),
    q('limit=1.5', 'limit=1.5', f(['query.limit'])),
    q('limit=1000 (oversize)', 'limit=1000', f(['query.limit'])),
    q('limit empty', 'limit=', f(['query.limit'])),
    q('limit given twice', 'limit=1&limit=2', f(['query.limit'])),
    q('cursor with characters outside base64url', 'cursor=a%20b%2Bc', f(['query.cursor'])),
    q('cursor oversize (513)', `cursor=${'A'.repeat(513)}`, { 'query.cursor': '翻页标记过长' }),
    q('cursor empty', 'cursor=', f(['query.cursor'])),
    q('cursor that is not one of ours', `cursor=${Buffer.from('{"pk":1}').toString('base64url')}`, f(['query.cursor'])),
    q('unknown query parameter', 'sort=asc', { 'query.sort': UNKNOWN }),
    q('two problems at once', 'limit=0&expand=all', { 'query.limit': true, 'query.expand': UNKNOWN }),
  ];
}

function familyPathCases(caller: Caller, suffix: string): BadCase[] {
  return [
    ...badFamilyIds.map(([label, id]): BadCase => ({ label: `familyId ${label}`, caller, path: `/families/${id}${suffix}`, fields: f(['path.familyId']) })),
    { label: 'malformed percent-encoding in the path', caller, path: `/families/%E0%A4%A${suffix}` },
    { label: 'unknown query parameter', caller, path: `/families/f_0005${suffix}?expand=phones`, fields: { 'query.expand': UNKNOWN }, touch: { familyId: 'f_0005' } },
  ];
}

// Follow-ups and prescriptions: member p_m0008 of f_0005 and doctor p_doc03.
const fm = '/families/f_0005/members/p_m0008';
const FU_ID = 'fu_000176377100000abcdef0123456789';
const RX_ID = 'rx_0123456789abcdef01234567';
const RF_ID = 'rf_0123456789abcdef01234567';
const followUpBody = (change: Record<string, unknown> = {}) => ({ readings: { systolic: 130, diastolic: 80 }, symptoms: [], missedDoses: 0, mood: 'good', ...change });
const rxBody = (change: Record<string, unknown> = {}) => ({ items: [{ medicine: '氨氯地平片', dose: '每日1次，每次1片', quantity: '2盒' }], supplyDays: 28, refills: 2, validUntil: '2027-06-30', ...change });
const fileBody = (change: Record<string, unknown> = {}) => ({ conditions: ['hypertension'], otherConditions: [], mobility: 'independent', medicines: [{ name: '氨氯地平片' }], allergies: [], stability: 'stable', ...change });
function bodyCases(caller: Caller, path: string, valid: () => Record<string, unknown>, extra: BadCase[]): BadCase[] {
  const touch = { familyId: 'f_0005', memberId: 'p_m0008' };
  return [
    { label: 'malformed JSON', caller, path, rawBody: '{"a":', fields: f(['body']), touch },
    { label: 'text/plain', caller, path, rawBody: JSON.stringify(valid()), headers: { 'content-type': 'text/plain' }, status: 415, touch },
    { label: 'unknown field', caller, path, body: { ...valid(), doctorId: 'p_doc01' }, fields: { 'body.doctorId': UNKNOWN }, touch },
    { label: 'memberId not an id', caller, path: path.replace('p_m0008', 'xx'), body: valid(), fields: f(['path.memberId']), touch },
    ...extra.map((c) => ({ ...c, touch })),
  ];
}
const readingCase = (label: string, readings: Record<string, unknown>, fields: Record<string, string | true>): BadCase => ({
  label, caller: 'p_m0008', path: `${fm}/followups`, body: followUpBody({ readings }), fields,
});
/** The three cases every body route has, plus its own; all on one path and caller. */
function signingBodyCases(caller: Caller, path: string, valid: Record<string, unknown>, own: Array<[string, unknown, Record<string, string | true>]>, touch?: BadCase['touch']): BadCase[] {
  return [
    { label: 'malformed JSON', caller, path, rawBody: '{"x":', fields: f(['body']), touch },
    { label: 'text/plain', caller, path, rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415, touch },
    { label: 'unknown field', caller, path, body: { ...valid, extra: 1 }, fields: { 'body.extra': UNKNOWN }, touch },
    { label: 'JSON array', caller, path, body: [valid], fields: f(['body']), touch },
    ...own.map(([label, body, fields]): BadCase => ({ label, caller, path, body, fields, touch })),
  ];
}

/** Body routes of messaging: the three cases every body route has, plus its own. */
function messagingBodyCases(caller: Caller, path: string, ok: Record<string, unknown>, own: Array<[string, unknown, Record<string, string | true>]> = []): BadCase[] {
  const touch = { familyId: 'f_0005', caller };
  return [
    { label: 'malformed JSON', caller, path, rawBody: '{"text":', fields: f(['body']), touch },
    { label: 'text/plain', caller, path, rawBody: JSON.stringify(ok), headers: { 'content-type': 'text/plain' }, status: 415, touch },
    { label: 'unknown field', caller, path, body: { ...ok, senderId: 'p_cadre02' }, fields: { 'body.senderId': UNKNOWN }, touch },
    ...own.map(([label, body, fields]): BadCase => ({ label, caller, path, body, fields, touch })),
  ];
}

const signingTouch = { familyId: 'f_0005', memberId: 'p_m0008' };
const contractBase = '/families/f_0005/members/p_m0008/contracts/ct_20260101abcdef';
const applicationBase = '/team/applications/p_m0008/ap_20260101abcdef';
const onePixelPng = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
// Well formed but never uploaded: the schema passes it, the handler would check the object.
const signatureKey = 'sign/f_0005/ct_20260101abcdef/p_m0008/0b7f0c1e-2d2c-4a8f-9d55-1f0f3f9d1a2b.png';
const cost = { memberId: 'p_m0006', visitDate: '2026-10-08', place: '清河县人民医院', totalFen: 100000, basicInsuranceFen: 55000, seriousIllnessFen: 10000, medicalAssistanceFen: 15000, commercialFen: 0, claimPending: false };
const ledgerTouch = { familyId: 'f_0004' };
const team = {
  name: '城关镇家庭医生团队', townshipId: 't_chengguan', villages: [{ villageId: 'v_dongguan', name: '东关社区' }], leadId: 'p_doc01',
  members: [{ personId: 'p_doc01', role: 'gp' }, { personId: 'p_doc02', role: 'nurse' }], povertyForm: false,
};
const teamCases: Array<[string, unknown, Record<string, string | true>]> = [
  ['no lead among the members', { ...team, leadId: 'p_doc03' }, { 'body.leadId': '团队长必须是团队成员' }],
  ['a lead who is not the GP', { ...team, leadId: 'p_doc02' }, { 'body.leadId': '团队长应为全科医生' }],
  ['no villages', { ...team, villages: [] }, { 'body.villages': '请至少选择一个服务的村（社区）' }],
  ['a village twice', { ...team, villages: [team.villages[0], team.villages[0]] }, { 'body.villages.1.villageId': '同一个村只能选择一次' }],
  ['a member twice', { ...team, members: [...team.members, team.members[1]] }, { 'body.members.2.personId': '同一个人只能添加一次' }],
  ['an unknown role', { ...team, members: [team.members[0], { personId: 'p_doc02', role: 'cook' }] }, f(['body.members.1.role'])],
  ['1+1+1 without a specialist and a village doctor', { ...team, povertyForm: true }, { 'body.povertyForm': '“1+1+1”团队需要乡村医生、全科医生和专科医生各至少一人' }],
  ['a blank name', { ...team, name: ' ' }, { 'body.name': '请填写团队名称' }],
  ['a responsible doctor not in the team', { ...team, villages: [{ ...team.villages[0], responsibleId: 'p_doc03' }] }, { 'body.villages.0.responsibleId': '负责医生必须是团队成员' }],
  ['a nurse as responsible doctor', { ...team, villages: [{ ...team.villages[0], responsibleId: 'p_doc02' }] }, { 'body.villages.0.responsibleId': '负责医生应为医生，不能是护士' }],
  ['a responsible doctor id of a family', { ...team, villages: [{ ...team.villages[0], responsibleId: 'f_0005' }] }, f(['body.villages.0.responsibleId'])],
];
const badIdPaths = (caller: Caller, make: (id: string) => string, field: string, ids: string[], touch?: BadCase['touch'], body?: unknown): BadCase[] =>
  ids.map((id): BadCase => ({ label: `${field} ${id.slice(0, 12)}`, caller, path: make(id), body, fields: f([field]), touch }));

const signingCases: Record<Extract<RouteId, `signing.${string}` | `policy.${string}`>, BadCase[]> = {
  'signing.getFamily': familyPathCases('p_m0008', '/signing'),
  'signing.apply': signingBodyCases('p_m0008', '/families/f_0005/signing/applications', { memberId: 'p_m0008' }, [
    ['unknown package', { memberId: 'p_m0008', optionalPackages: ['gold'] }, f(['body.optionalPackages.0'])],
    ['packages not a list', { memberId: 'p_m0008', optionalPackages: 'chronic' }, f(['body.optionalPackages'])],
    ['too many packages', { memberId: 'p_m0008', optionalPackages: ['chronic', 'rehab', 'mental', 'elderly_care', 'basic'] }, { 'body.optionalPackages': '最多选择 4 个可选服务包' }],
    ['memberId missing', {}, f(['body.memberId'])],
    ['memberId of a family', { memberId: 'f_0005' }, f(['body.memberId'])],
  ], signingTouch),
  'signing.listApplications': [{ label: 'unknown query parameter', caller: 'p_doc03', path: '/team/applications?status=all', fields: { 'query.status': UNKNOWN }, touch: { caller: 'p_doc03' } }],
  'signing.accept': [
    ...signingBodyCases('p_doc03', `${applicationBase}/accept`, {}, [
      ['contract dates reversed', { startDate: '2027-12-01', endDate: '2027-11-01' }, { 'body.endDate': '结束日期应晚于开始日期' }],
      ['contract longer than a year', { startDate: '2027-12-01', endDate: '2028-12-01' }, { 'body.endDate': '签约期限最长一年' }],
      ['end without start', { endDate: '2028-11-30' }, f(['body.startDate'])],
      ['a date that does not exist', { startDate: '2027-02-30' }, { 'body.startDate': '日期不存在' }],
      ['a date of the wrong type', { startDate: 20271201 }, f(['body.startDate'])],
    ], signingTouch),
    ...badIdPaths('p_doc03', (id) => `/team/applications/p_m0008/${id}/accept`, 'path.applicationId', ['xx', 'ct_20260101abcdef', `ap_${'a'.repeat(61)}`], signingTouch, {}),
    ...badIdPaths('p_doc03', (id) => `/team/applications/${id}/ap_20260101abcdef/accept`, 'path.memberId', ['f_0005', 'p_m'], signingTouch, {}),
  ],
  'signing.decline': signingBodyCases('p_doc03', `${applicationBase}/decline`, { reason: '团队已满员' }, [
    ['reason blank', { reason: '   ' }, { 'body.reason': '请写明不能签约的原因' }],
    ['reason oversize', { reason: '满'.repeat(101) }, { 'body.reason': '原因不能超过 100 个字' }],
    ['reason missing', {}, f(['body.reason'])],
  ], signingTouch),
  'signing.getContracts': [
    ...badIdPaths('p_m0008', (id) => `/families/${id}/members/p_m0008/contracts`, 'path.familyId', ['xx', 'p_0005']),
    ...badIdPaths('p_m0008', (id) => `/families/f_0005/members/${id}/contracts`, 'path.memberId', ['xx', 'f_0005'], signingTouch),
    { label: 'unknown query parameter', caller: 'p_m0008', path: '/families/f_0005/members/p_m0008/contracts?all=1', fields: { 'query.all': UNKNOWN }, touch: signingTouch },
  ],
  'signing.presignSignature': signingBodyCases('p_m0008', `${contractBase}/signature/upload`, { contentType: 'image/png', size: 2048 }, [
    ['a GIF', { contentType: 'image/gif', size: 2048 }, { 'body.contentType': '签名应为 PNG 或 JPEG 图片' }],
    ['a signature over 1 MB', { contentType: 'image/png', size: 1024 * 1024 + 1 }, { 'body.size': '签名图片不能超过 1 MB' }],
    ['an empty file', { contentType: 'image/png', size: 0 }, { 'body.size': '签名图片是空的' }],
    ['size missing', { contentType: 'image/png' }, f(['body.size'])],
    ['a kind that is neither signature nor paper', { kind: 'ink', contentType: 'image/png', size: 2048 }, { 'body.kind': '上传类型应为签名或纸质签约照片' }],
    ['a paper photo over 5 MB', { kind: 'paper', contentType: 'image/jpeg', size: 5 * 1024 * 1024 + 1 }, { 'body.size': '照片不能超过 5 MB' }],
    ['a paper photo as a GIF', { kind: 'paper', contentType: 'image/gif', size: 2048 }, { 'body.contentType': '签名应为 PNG 或 JPEG 图片' }],
  ], signingTouch),
  'signing.confirm': [
    ...signingBodyCases('p_m0008', `${contractBase}/signature`, { key: signatureKey }, [
      ['the image itself instead of its upload key', { image: onePixelPng }, { 'body.image': UNKNOWN, 'body.key': true }],
      ['a remote URL instead of the key', { key: 'https://example.com/a.png' }, f(['body.key'])],
      ['key missing', {}, f(['body.key'])],
      ['a kind that is neither signature nor paper', { key: signatureKey, kind: 'photo' }, { 'body.kind': '上传类型应为签名或纸质签约照片' }],
      ['paper without the photo key', { kind: 'paper' }, f(['body.key'])],
    ], signingTouch),
    ...badIdPaths('p_m0008', (id) => `/families/f_0005/members/p_m0008/contracts/${id}/signature`, 'path.contractId', ['xx', 'ap_20260101abcdef'], signingTouch, { key: signatureKey }),
  ],
  'signing.getSignature': badIdPaths('p_m0008', (id) => `/families/f_0005/members/p_m0008/contracts/${id}/signature`, 'path.contractId', ['xx', 'ct_1'], signingTouch),
  'signing.renew': [
    ...signingBodyCases('p_m0008', `${contractBase}/renew`, {}, [['a start date (renewal takes none)', { startDate: '2027-01-01' }, { 'body.startDate': UNKNOWN }]], signingTouch),
    ...badIdPaths('p_m0008', (id) => `/families/f_0005/members/p_m0008/contracts/${id}/renew`, 'path.contractId', ['xx'], signingTouch, {}),
  ],
  'signing.terminate': signingBodyCases('p_doc03', `${contractBase}/terminate`, { reason: 'death', date: '2026-11-01' }, [
    ['a reason not on the list', { reason: 'bored', date: '2026-11-01' }, f(['body.reason'])],
    ['no reason', { date: '2026-11-01' }, f(['body.reason'])],
    ['no date', { reason: 'moved_out' }, f(['body.date'])],
    ['a date that does not exist', { reason: 'moved_out', date: '2026-02-30' }, { 'body.date': '日期不存在' }],
    ['a date with a time', { reason: 'moved_out', date: '2026-11-01T00:00:00+08:00' }, f(['body.date'])],
  ], signingTouch),
  'signing.changeTeam': signingBodyCases('p_comm01', `${contractBase}/change-team`, { teamId: 'tm_liulin', reason: 'member_request', date: '2026-11-01' }, [
    ['teamId not a team', { teamId: 'f_0005', reason: 'member_request', date: '2026-11-01' }, f(['body.teamId'])],
    ['everything missing', {}, f(['body.teamId', 'body.reason', 'body.date'])],
  ], signingTouch),
  'signing.listExpiring': [{ label: 'unknown query parameter', caller: 'p_doc03', path: '/team/contracts/expiring?days=60', fields: { 'query.days': UNKNOWN } }],
  'signing.coverage': [
    { label: 'townshipId with the county prefix', caller: 'p_comm01', path: '/commission/signing/coverage?townshipId=c_qinghe', fields: f(['query.townshipId']) },
    { label: 'unknown query parameter', caller: 'p_comm01', path: '/commission/signing/coverage?year=2026', fields: { 'query.year': UNKNOWN } },
  ],
  'signing.signHomeVisit': signingBodyCases('p_doc03', '/team/home-visit-contracts', { familyId: 'f_0005', memberId: 'p_m0008' }, [
    ['unknown package', { familyId: 'f_0005', memberId: 'p_m0008', optionalPackages: ['gold'] }, f(['body.optionalPackages.0'])],
    ['a member id for the family', { familyId: 'p_m0008', memberId: 'p_m0008' }, f(['body.familyId'])],
    ['member missing', { familyId: 'f_0005' }, f(['body.memberId'])],
  ], signingTouch),
  'signing.listHomeVisitCandidates': [{ label: 'unknown query parameter', caller: 'p_doc03', path: '/team/home-visit-candidates?village=v_liulin', fields: { 'query.village': UNKNOWN } }],
  'signing.listTeams': [{ label: 'unknown query parameter', caller: 'p_comm01', path: '/commission/teams?all=1', fields: { 'query.all': UNKNOWN } }],
  'signing.createTeam': signingBodyCases('p_comm01', '/commission/teams', team, teamCases),
  'signing.lookupTeamStaff': [
    ...badIdPaths('p_comm01', (id) => `/commission/team-staff/${id}`, 'path.staffId', ['xx', 'f_0005', 'p_ab', `p_${'a'.repeat(41)}`]),
    { label: 'unknown query parameter', caller: 'p_comm01', path: '/commission/team-staff/p_doc05?all=1', fields: { 'query.all': UNKNOWN } },
  ],
  'signing.updateTeam': [
    ...signingBodyCases('p_comm01', '/commission/teams/tm_chengguan', { ...team, version: 1 }, [
      ...teamCases.map(([label, body, fields]): [string, unknown, Record<string, string | true>] => [label, { ...(body as object), version: 1 }, fields]),
      ['version missing', team, f(['body.version'])],
    ]),
    ...badIdPaths('p_comm01', (id) => `/commission/teams/${id}`, 'path.teamId', ['xx', 'ct_20260101abcdef'], undefined, { ...team, version: 1 }),
  ],
  'policy.listFamilies': [{ label: 'unknown query parameter', caller: 'p_cadre02', path: '/policy/families?warning=1', fields: { 'query.warning': UNKNOWN } }],
  'policy.getLedger': familyPathCases('p_m0008', '/policy/ledger'),
  'policy.addCost': signingBodyCases('p_cadre02', '/families/f_0004/policy/ledger', cost, [
    ['a negative cost', { ...cost, basicInsuranceFen: -1 }, { 'body.basicInsuranceFen': '金额不能为负数' }],
    ['parts above the total', { ...cost, commercialFen: 20001 }, { 'body.totalFen': '各项报销合计超过了总费用' }],
    ['an out-of-pocket that does not add up', { ...cost, outOfPocketFen: 1 }, f(['body.outOfPocketFen'])],
    ['a fraction of a fen', { ...cost, totalFen: 100000.5 }, f(['body.totalFen'])],
    ['an amount as text', { ...cost, totalFen: '1000' }, f(['body.totalFen'])],
    ['an oversize amount', { ...cost, totalFen: 1e12 }, { 'body.totalFen': '金额过大，请核对' }],
    ['claim status missing', (({ claimPending: _c, ...rest }) => rest)(cost), { 'body.claimPending': '请选择报销是否办结' }],
    ['a visit date that does not exist', { ...cost, visitDate: '2026-02-30' }, { 'body.visitDate': '日期不存在' }],
  ], ledgerTouch),
  ...policySupportBadInput(),
};
const convBase = '/families/f_0005/conversations/p_cadre02';
const consBase = '/families/f_0005/consultations/q_badinput0001';
const messageCases = (caller: Caller, path: string) =>
  messagingBodyCases(caller, path, { text: '你好' }, [
    ['empty text', { text: '' }, { 'body.text': '消息不能为空' }],
    ['only spaces', { text: '  \n ' }, { 'body.text': '消息不能为空' }],
    ['1001 characters', { text: '好'.repeat(1001) }, { 'body.text': '消息不能超过 1000 个字' }],
    ['nothing to send', {}, f(['body.text'])],
    ['text of the wrong type', { text: 42 }, f(['body.text'])],
    ['ten photos', { attachments: Array.from({ length: 10 }, (_, i) => ({ key: `conv/f_0005/p_cadre02/p_m0008/${i}.jpg` })) }, f(['body.attachments'])],
    ['an attachment key that is a path trick', { attachments: [{ key: '../../etc/passwd' }] }, f(['body.attachments.0.key'])],
    ['a follow-up without a date', { text: 'x', followUp: { summary: '复查' } }, f(['body.followUp.dueBy'])],
  ]);
const threadQueryCases = (caller: Caller, path: string): BadCase[] => [
  { label: 'unknown query parameter', caller, path: `${path}?all=1`, fields: { 'query.all': UNKNOWN }, touch: { familyId: 'f_0005' } },
  { label: 'cursor not a message id', caller, path: `${path}?cursor=abc`, fields: f(['query.cursor']), touch: { familyId: 'f_0005' } },
  { label: 'since not a message id', caller, path: `${path}?since=${'9'.repeat(40)}`, fields: f(['query.since']), touch: { familyId: 'f_0005' } },
];
const badConsultationIds = (caller: Caller, suffix: string, body?: unknown): BadCase[] =>
  [
    ['consultationId without the prefix', 'badinput0001'],
    ['consultationId too short', 'q_1'],
    ['consultationId with punctuation', 'q_abc;def12'],
  ].map(([label, id]) => ({ label, caller, path: `/families/f_0005/consultations/${id}${suffix}`, body, fields: f(['path.consultationId']), touch: { familyId: 'f_0005' } }));
const uploadBody = { kind: 'image', contentType: 'image/jpeg', size: 10 };

const cases: Record<RouteId, BadCase[]> = {
  ...signingCases,
  ...doubleSigningBadInput,
  'auth.wechatLogin': [
    { label: 'malformed JSON', caller: 'public', path: '/auth/wechat', rawBody: '{"code":', fields: f(['body']) },
    { label: 'not JSON at all', caller: 'public', path: '/auth/wechat', rawBody: 'code=abc', fields: f(['body']) },
    { label: 'empty body', caller: 'public', path: '/auth/wechat', rawBody: '', headers: { 'content-type': 'application/json' }, fields: f(['body']) },
    { label: 'JSON null', caller: 'public', path: '/auth/wechat', rawBody: 'null', fields: f(['body']) },
    { label: 'JSON array', caller: 'public', path: '/auth/wechat', body: [{ code: 'abcdef' }], fields: f(['body']) },
    { label: 'a __proto__ key', caller: 'public', path: '/auth/wechat', rawBody: '{"code":"abcdef","__proto__":{"admin":true}}', fields: f(['body']) },
    { label: 'code of the wrong type', caller: 'public', path: '/auth/wechat', body: { code: 123456 }, fields: f(['body.code']) },
    { label: 'code null', caller: 'public', path: '/auth/wechat', body: { code: null }, fields: f(['body.code']) },
    { label: 'code missing', caller: 'public', path: '/auth/wechat', body: {}, fields: f(['body.code']) },
    { label: 'code empty', caller: 'public', path: '/auth/wechat', body: { code: '' }, fields: { 'body.code': '缺少微信登录凭证' } },
    { label: 'code oversize (129)', caller: 'public', path: '/auth/wechat', body: { code: 'a'.repeat(129) }, fields: { 'body.code': '微信登录凭证过长' } },
    { label: 'code with spaces and symbols', caller: 'public', path: '/auth/wechat', body: { code: 'abc def;--' }, fields: { 'body.code': '微信登录凭证格式不正确' } },
    { label: 'unknown field', caller: 'public', path: '/auth/wechat', body: { code: 'abcdef', openid: 'demo-openid-p_m0001' }, fields: { 'body.openid': UNKNOWN } },
    { label: 'text/plain', caller: 'public', path: '/auth/wechat', rawBody: '{"code":"abcdef"}', headers: { 'content-type': 'text/plain' }, status: 415 },
    { label: 'form-encoded', caller: 'public', path: '/auth/wechat', rawBody: 'code=abcdef', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
  ],
  'auth.bind': [
    { label: 'malformed JSON', caller: 'public', path: '/auth/bind', rawBody: '{"bindTicket":"x",', fields: f(['body']), touch: bindTouch },
    { label: 'JSON array', caller: 'public', path: '/auth/bind', body: [], fields: f(['body']), touch: bindTouch },
    { label: 'wrong types', caller: 'public', path: '/auth/bind', body: () => bindBody({ name: 123, idLast6: 506340, phone: 13831100006 }), fields: f(['body.name', 'body.idLast6', 'body.phone']), touch: bindTouch },
    { label: 'bindTicket of the wrong type', caller: 'public', path: '/auth/bind', body: () => bindBody({ bindTicket: { sub: bindOpenid } }), fields: f(['body.bindTicket']), touch: bindTouch },
    { label: 'all answers missing', caller: 'public', path: '/auth/bind', body: () => bindBody({}, ['name', 'idLast6', 'phone']), fields: f(['body.name', 'body.idLast6', 'body.phone']), touch: bindTouch },
    { label: 'bindTicket missing', caller: 'public', path: '/auth/bind', body: () => bindBody({}, ['bindTicket']), fields: f(['body.bindTicket']), touch: bindTouch },
    { label: 'bindTicket empty', caller: 'public', path: '/auth/bind', body: () => bindBody({ bindTicket: '' }), fields: { 'body.bindTicket': '请重新登录' }, touch: bindTouch },
    { label: 'bindTicket oversize (2049)', caller: 'public', path: '/auth/bind', body: () => bindBody({ bindTicket: 'a'.repeat(2049) }), fields: { 'body.bindTicket': '登录凭证无效' }, touch: bindTouch },
    { label: 'unknown field', caller: 'public', path: '/auth/bind', body: () => bindBody({ personId: 'p_m0006' }), fields: { 'body.personId': UNKNOWN }, touch: bindTouch },
    { label: 'name oversize (21)', caller: 'public', path: '/auth/bind', body: () => bindBody({ name: '王'.repeat(21) }), fields: { 'body.name': '姓名不能超过 20 个字' }, touch: bindTouch },
    { label: 'name of one character', caller: 'public', path: '/auth/bind', body: () => bindBody({ name: '孙' }), fields: { 'body.name': '请填写姓名' }, touch: bindTouch },
    { label: 'name with digits', caller: 'public', path: '/auth/bind', body: () => bindBody({ name: '孙长海3' }), fields: { 'body.name': '姓名只能包含汉字' }, touch: bindTouch },
    { label: 'idLast6 with a letter other than X', caller: 'public', path: '/auth/bind', body: () => bindBody({ idLast6: '12345Y' }), fields: f(['body.idLast6']), touch: bindTouch },
    { label: 'idLast6 of 7 characters', caller: 'public', path: '/auth/bind', body: () => bindBody({ idLast6: '1234567' }), fields: f(['body.idLast6']), touch: bindTouch },
    { label: 'the whole ID number instead of the last 6', caller: 'public', path: '/auth/bind', body: () => bindBody({ idLast6: '130131194403150634' }), fields: f(['body.idLast6']), touch: bindTouch },
    { label: 'phone of 10 digits', caller: 'public', path: '/auth/bind', body: () => bindBody({ phone: '1383110000' }), fields: { 'body.phone': '请填写 11 位手机号码' }, touch: bindTouch },
    { label: 'phone not starting with 1', caller: 'public', path: '/auth/bind', body: () => bindBody({ phone: '23831100006' }), fields: f(['body.phone']), touch: bindTouch },
    { label: 'phone oversize', caller: 'public', path: '/auth/bind', body: () => bindBody({ phone: '1'.repeat(200) }), fields: f(['body.phone']), touch: bindTouch },
    { label: 'text/plain', caller: 'public', path: '/auth/bind', rawBody: 'x', headers: { 'content-type': 'text/plain' }, status: 415, touch: bindTouch },
  ] as BadCase[],
  'me.get': [
    { label: 'unknown query parameter', caller: 'p_m0008', path: '/me?include=idNumber', fields: { 'query.include': UNKNOWN }, touch: { caller: 'p_m0008' } },
  ],
  'me.putConsent': [
    { label: 'malformed JSON', caller: 'p_m0008', path: '/me/consent', rawBody: '{"healthData":tru', fields: f(['body']) },
    { label: 'JSON string', caller: 'p_m0008', path: '/me/consent', rawBody: '"yes"', fields: f(['body']) },
    { label: 'wrong types', caller: 'p_m0008', path: '/me/consent', body: consent({ privacyGuideVersion: 20261101, agreePrivacyGuide: 'true', healthData: 'no' }), fields: f(['body.privacyGuideVersion', 'body.agreePrivacyGuide', 'body.healthData']) },
    { label: 'healthData missing (the separate decision must be made)', caller: 'p_m0008', path: '/me/consent', body: consent({}, ['healthData']), fields: { 'body.healthData': '请选择是否同意使用健康信息' } },
    { label: 'everything missing', caller: 'p_m0008', path: '/me/consent', body: {}, fields: f(['body.privacyGuideVersion', 'body.agreePrivacyGuide', 'body.healthData']) },
    { label: 'not agreeing to the guide', caller: 'p_m0008', path: '/me/consent', body: consent({ agreePrivacyGuide: false }), fields: { 'body.agreePrivacyGuide': '需要同意隐私保护指引才能继续使用' } },
    { label: 'an old guide version', caller: 'p_m0008', path: '/me/consent', body: consent({ privacyGuideVersion: '2025-01-01' }), fields: { 'body.privacyGuideVersion': '隐私保护指引已更新，请重新阅读' } },
    { label: 'oversize guide version', caller: 'p_m0008', path: '/me/consent', body: consent({ privacyGuideVersion: 'x'.repeat(10_000) }), fields: f(['body.privacyGuideVersion']) },
    { label: 'unknown field', caller: 'p_m0008', path: '/me/consent', body: consent({ agreedAt: '2020-01-01T00:00:00+08:00' }), fields: { 'body.agreedAt': UNKNOWN } },
    { label: 'text/plain', caller: 'p_m0008', path: '/me/consent', rawBody: JSON.stringify(consent()), headers: { 'content-type': 'text/plain' }, status: 415 },
    { label: 'unknown query parameter with a valid body', caller: 'p_m0008', path: '/me/consent?personId=p_m0001', body: consent(), fields: { 'query.personId': UNKNOWN } },
  ].map((c) => ({ ...c, touch: { caller: 'p_m0008' } })) as BadCase[],
  'families.getContacts': familyPathCases('p_m0008', '/contacts'),
  'families.getCard': familyPathCases('p_m0008', '/card'),
  'families.revealMemberPhone': [
    ...badFamilyIds.map(([label, id]): BadCase => ({ label: `familyId ${label}`, caller: 'p_cadre02', path: `/families/${id}/members/p_m0008/phone`, fields: f(['path.familyId']), touch: { memberId: 'p_m0008' } })),
    ...(
      [
        ['memberId not an id', 'xx'],
        ['memberId with the family prefix', 'f_0005'],
        ['memberId too short', 'p_m1'],
        ['memberId oversize', `p_${'m'.repeat(41)}`],
        ['memberId with punctuation', 'p_m0008;drop'],
      ] as const
    ).map(([label, id]): BadCase => ({ label, caller: 'p_cadre02', path: `/families/f_0005/members/${id}/phone`, fields: f(['path.memberId']), touch: { familyId: 'f_0005' } })),
    { label: 'both ids bad', caller: 'p_cadre02', path: '/families/xx/members/yy/phone', fields: f(['path.familyId', 'path.memberId']) },
    { label: 'malformed percent-encoding in the path', caller: 'p_cadre02', path: '/families/f_0005/members/%E0%A4%A/phone', touch: { familyId: 'f_0005' } },
    { label: 'unknown query parameter', caller: 'p_cadre02', path: '/families/f_0005/members/p_m0008/phone?reason=x', fields: { 'query.reason': UNKNOWN }, touch: { familyId: 'f_0005', memberId: 'p_m0008' } },
  ],
  'families.getAccessLog': [
    ...familyPathCases('p_m0008', '/access-log').filter((c) => !c.label.startsWith('unknown')),
    ...pageQueryCases('p_m0008', '/families/f_0005/access-log', { familyId: 'f_0005' }),
  ],
  'me.getSubscriptions': [
    { label: 'unknown query parameter', caller: 'p_m0008', path: '/me/subscriptions?personId=p_m0001', fields: { 'query.personId': UNKNOWN }, touch: { caller: 'p_m0008' } },
  ],
  'me.grantSubscriptions': [
    { label: 'malformed JSON', caller: 'p_m0008', path: '/me/subscriptions', rawBody: '{"accepted":[', fields: f(['body']) },
    { label: 'nothing accepted', caller: 'p_m0008', path: '/me/subscriptions', body: { accepted: [] }, fields: f(['body.accepted']) },
    { label: 'an unknown template', caller: 'p_m0008', path: '/me/subscriptions', body: { accepted: ['message.new', 'free.money'] }, fields: f(['body.accepted.1']) },
    { label: 'accepted not a list', caller: 'p_m0008', path: '/me/subscriptions', body: { accepted: 'message.new' }, fields: f(['body.accepted']) },
    { label: 'oversize list', caller: 'p_m0008', path: '/me/subscriptions', body: { accepted: Array(40).fill('message.new') }, fields: f(['body.accepted']) },
    { label: 'unknown field', caller: 'p_m0008', path: '/me/subscriptions', body: { accepted: ['message.new'], count: 100 }, fields: { 'body.count': UNKNOWN } },
    { label: 'text/plain', caller: 'p_m0008', path: '/me/subscriptions', rawBody: '{"accepted":["message.new"]}', headers: { 'content-type': 'text/plain' }, status: 415 },
  ].map((c) => ({ ...c, touch: { caller: 'p_m0008' } })) as BadCase[],
  'messaging.presignConversationUpload': [
    ...familyPathCases('p_m0008', '/conversations/p_cadre02/uploads')
      .filter((c) => !c.label.startsWith('unknown'))
      .map((c) => ({ ...c, body: { kind: 'image', contentType: 'image/jpeg', size: 10 } })),
    ...(
      [
        ['malformed JSON', { rawBody: '{"kind":"image",' }, f(['body'])],
        ['staffId not a person id', { path: '/families/f_0005/conversations/f_0005/uploads', body: { kind: 'image', contentType: 'image/jpeg', size: 10 } }, f(['path.staffId'])],
        ['a GIF', { body: { kind: 'image', contentType: 'image/gif', size: 10 } }, f(['body.contentType'])],
        ['an image over 10 MB', { body: { kind: 'image', contentType: 'image/jpeg', size: 10 * 1024 * 1024 + 1 } }, f(['body.size'])],
        ['an empty file', { body: { kind: 'image', contentType: 'image/png', size: 0 } }, f(['body.size'])],
        ['a fractional size', { body: { kind: 'image', contentType: 'image/png', size: 1.5 } }, f(['body.size'])],
        ['voice over 60 s', { body: { kind: 'voice', contentType: 'audio/mpeg', size: 10, durationMs: 60_001 } }, f(['body.durationMs'])],
        ['voice without a duration', { body: { kind: 'voice', contentType: 'audio/aac', size: 10 } }, f(['body.durationMs'])],
        ['a video', { body: { kind: 'video', contentType: 'video/mp4', size: 10 } }, f(['body.kind'])],
        ['unknown field', { body: { kind: 'image', contentType: 'image/png', size: 10, key: 'conv/f_0001/x' } }, { 'body.key': UNKNOWN }],
        ['text/plain', { rawBody: '{"kind":"image","contentType":"image/png","size":10}', headers: { 'content-type': 'text/plain' }, status: 415 }, undefined],
      ] as const
    ).map(([label, c, fields]): BadCase => ({ label, caller: 'p_m0008', path: '/families/f_0005/conversations/p_cadre02/uploads', ...c, fields, touch: { familyId: 'f_0005' } }) as BadCase),
  ],
  'messaging.listConversationMessages': [...familyPathCases('p_m0008', '/conversations/p_cadre02/messages').filter((c) => !c.label.startsWith('unknown')), ...threadQueryCases('p_m0008', `${convBase}/messages`)],
  'messaging.sendConversationMessage': [...messageCases('p_m0008', `${convBase}/messages`), ...messageCases('p_cadre02', `${convBase}/messages`).filter((c) => c.label === '1001 characters').map((c) => ({ ...c, label: 'a contact sending 1001 characters' }))],
  'messaging.readConversation': [...messagingBodyCases('p_m0008', `${convBase}/read`, {}), { label: 'staffId not a person id', caller: 'p_m0008', path: '/families/f_0005/conversations/cadre/read', body: {}, fields: f(['path.staffId']) }],
  'messaging.listFamilyThreads': familyPathCases('p_m0008', '/threads'),
  'messaging.staffInbox': pageQueryCases('p_cadre02', '/staff/inbox', { caller: 'p_cadre02' }).filter((c) => !c.label.startsWith('townshipId')),
  'messaging.getMessagingStats': [
    { label: 'month not a month', caller: 'p_comm01', path: '/commission/messaging?month=2026-13', fields: { 'query.month': '月份格式应为 2026-01' } },
    { label: 'month as a date', caller: 'p_comm01', path: '/commission/messaging?month=2026-01-01', fields: f(['query.month']) },
    { label: 'townshipId with the county prefix', caller: 'p_comm01', path: '/commission/messaging?townshipId=c_qinghe', fields: f(['query.townshipId']) },
    { label: 'unknown query parameter', caller: 'p_comm01', path: '/commission/messaging?content=1', fields: { 'query.content': UNKNOWN } },
  ],
  'messaging.createConsultation': messagingBodyCases('p_m0008', '/families/f_0005/consultations', { consultationId: 'q_badinput0001', subject: '头晕', description: '起床头晕', urgentSymptoms: false }, [
    ['triage not answered', { consultationId: 'q_badinput0001', subject: '头晕', description: '起床头晕' }, f(['body.urgentSymptoms'])],
    ['triage answered with text', { consultationId: 'q_badinput0001', subject: '头晕', description: '起床头晕', urgentSymptoms: '是' }, f(['body.urgentSymptoms'])],
    ['empty subject', { consultationId: 'q_badinput0001', subject: ' ', description: '起床头晕', urgentSymptoms: false }, { 'body.subject': '请填写咨询主题' }],
    ['description of 1001 characters', { consultationId: 'q_badinput0001', subject: '头晕', description: '晕'.repeat(1001), urgentSymptoms: false }, f(['body.description'])],
    ['a consultation id of the wrong form', { consultationId: 'c_1', subject: '头晕', description: '起床头晕', urgentSymptoms: false }, f(['body.consultationId'])],
  ]),
  'messaging.presignConsultationUpload': [...messagingBodyCases('p_m0008', `${consBase}/uploads`, uploadBody, [['a GIF', { kind: 'image', contentType: 'image/gif', size: 10 }, f(['body.contentType'])]]), ...badConsultationIds('p_m0008', '/uploads', uploadBody)],
  'messaging.getConsultation': [...badConsultationIds('p_m0008', ''), { label: 'unknown query parameter', caller: 'p_doc03', path: `${consBase}?full=1`, fields: { 'query.full': UNKNOWN }, touch: { familyId: 'f_0005' } }],
  'messaging.listConsultationMessages': [...badConsultationIds('p_m0008', '/messages'), ...threadQueryCases('p_doc03', `${consBase}/messages`)],
  'messaging.sendConsultationMessage': [...messageCases('p_m0008', `${consBase}/messages`), ...badConsultationIds('p_doc03', '/messages', { text: '你好' })],
  'messaging.readConsultation': [...messagingBodyCases('p_m0008', `${consBase}/read`, {}), ...badConsultationIds('p_m0008', '/read', {})],
  'messaging.closeConsultation': [...messagingBodyCases('p_m0008', `${consBase}/close`, {}), ...badConsultationIds('p_m0008', '/close', {})],
  'staff.listAssignedFamilies': pageQueryCases('p_cadre02', '/contact/families', { caller: 'p_cadre02' }),
  'staff.listSignedMembers': pageQueryCases('p_doc03', '/doctor/members', { caller: 'p_doc03' }),
  'staff.listRegionFamilies': [
    ...pageQueryCases('p_comm01', '/commission/families'),
    { label: 'townshipId with the county prefix', caller: 'p_comm01', path: '/commission/families?townshipId=c_qinghe', fields: f(['query.townshipId']) },
    { label: 'townshipId empty', caller: 'p_comm01', path: '/commission/families?townshipId=', fields: f(['query.townshipId']) },
    { label: 'townshipId oversize', caller: 'p_comm01', path: `/commission/families?townshipId=t_${'x'.repeat(41)}`, fields: f(['query.townshipId']) },
    { label: 'townshipId given twice', caller: 'p_comm01', path: '/commission/families?townshipId=t_liulin&townshipId=t_chengguan', fields: f(['query.townshipId']) },
  ],
  ...bookingBadInput(),
  ...institutionsBadInput(),
  ...countySupportBadInput(),
  'followups.getMemberHealth': [
    ...familyPathCases('p_m0008', '/members/p_m0008/health').filter((c) => !c.label.startsWith('unknown')),
    { label: 'memberId not an id', caller: 'p_doc03', path: '/families/f_0005/members/xx/health', fields: f(['path.memberId']) },
    { label: 'unknown query parameter', caller: 'p_doc03', path: `${fm}/health?all=1`, fields: { 'query.all': UNKNOWN } },
  ],
  'followups.putHealthFile': bodyCases('p_doc03', `${fm}/health-file`, fileBody, [
    { label: 'unknown condition', caller: 'p_doc03', path: `${fm}/health-file`, body: fileBody({ conditions: ['flu'] }), fields: f(['body.conditions.0']) },
    { label: 'mobility missing', caller: 'p_doc03', path: `${fm}/health-file`, body: (() => { const b: Record<string, unknown> = fileBody(); delete b.mobility; return b; })(), fields: f(['body.mobility']) },
    { label: 'empty medicine name', caller: 'p_doc03', path: `${fm}/health-file`, body: fileBody({ medicines: [{ name: ' ' }] }), fields: f(['body.medicines.0.name']) },
  ]),
  'followups.putPlan': bodyCases('p_doc03', `${fm}/followup-plan`, () => ({ cadence: 'weekly' }), [
    { label: 'cadence daily', caller: 'p_doc03', path: `${fm}/followup-plan`, body: { cadence: 'daily' }, fields: f(['body.cadence']) },
  ]),
  'followups.submit': bodyCases('p_m0008', `${fm}/followups`, followUpBody, [
    readingCase('systolic 59 (below the plausible range)', { systolic: 59, diastolic: 40 }, { 'body.readings.systolic': '高压（收缩压）应在 60 到 260 mmHg之间，请检查后重新填写' }),
    readingCase('systolic 261', { systolic: 261, diastolic: 100 }, f(['body.readings.systolic'])),
    readingCase('systolic not a number', { systolic: '一百二', diastolic: 80 }, f(['body.readings.systolic'])),
    readingCase('systolic as a numeric string', { systolic: '120', diastolic: 80 }, f(['body.readings.systolic'])),
    readingCase('systolic with decimals', { systolic: 120.5, diastolic: 80 }, { 'body.readings.systolic': '高压（收缩压）请填写整数' }),
    readingCase('systolic without diastolic', { systolic: 120 }, { 'body.readings.diastolic': '高压和低压要一起填写' }),
    readingCase('systolic below diastolic', { systolic: 80, diastolic: 120 }, f(['body.readings.systolic'])),
    readingCase('glucose 0.5', { glucose: 0.5, glucoseTiming: 'fasting' }, f(['body.readings.glucose'])),
    readingCase('glucose 40', { glucose: 40, glucoseTiming: 'fasting' }, f(['body.readings.glucose'])),
    readingCase('glucose without timing', { glucose: 6.1 }, { 'body.readings.glucoseTiming': '请选择血糖是空腹还是饭后测的' }),
    readingCase('pulse 300', { pulse: 300 }, f(['body.readings.pulse'])),
    readingCase('weight -3', { weight: -3 }, f(['body.readings.weight'])),
    readingCase('no reading at all', {}, { 'body.readings': '请至少填写一项测量结果' }),
    { label: 'missed doses 22', caller: 'p_m0008', path: `${fm}/followups`, body: followUpBody({ missedDoses: 22 }), fields: f(['body.missedDoses']) },
    { label: 'unknown symptom', caller: 'p_m0008', path: `${fm}/followups`, body: followUpBody({ symptoms: ['cough'] }), fields: f(['body.symptoms.0']) },
    { label: 'mood missing', caller: 'p_m0008', path: `${fm}/followups`, body: (() => { const b: Record<string, unknown> = followUpBody(); delete b.mood; return b; })(), fields: f(['body.mood']) },
    { label: 'malformed Idempotency-Key', caller: 'p_m0008', path: `${fm}/followups`, body: followUpBody(), headers: { 'idempotency-key': 'a b' }, fields: f(['headers.idempotency-key']) },
  ]),
  'followups.recordVisit': bodyCases('p_doc03', `${fm}/followup-visits`, () => ({ kind: 'visit', note: '上门测血压' }), [
    { label: 'kind online', caller: 'p_doc03', path: `${fm}/followup-visits`, body: { kind: 'online', note: 'x' }, fields: f(['body.kind']) },
    { label: 'handles a made-up item', caller: 'p_doc03', path: `${fm}/followup-visits`, body: { kind: 'visit', note: 'x', handles: 'MEMBER#p_m0008' }, fields: f(['body.handles']) },
  ]),
  'followups.reply': bodyCases('p_doc03', `${fm}/followups/${FU_ID}/reply`, () => ({ advice: '继续按时服药' }), [
    { label: 'followUpId malformed', caller: 'p_doc03', path: `${fm}/followups/fu_1/reply`, body: { advice: 'x' }, fields: f(['path.followUpId']) },
    { label: 'advice empty', caller: 'p_doc03', path: `${fm}/followups/${FU_ID}/reply`, body: { advice: '  ' }, fields: f(['body.advice']) },
  ]),
  'followups.getQueue': [{ label: 'unknown query parameter', caller: 'p_doc03', path: '/doctor/followups?all=1', fields: { 'query.all': UNKNOWN } }],
  'followups.getStatus': familyPathCases('p_m0008', '/followup-status'),
  'prescriptions.list': [
    { label: 'memberId not an id', caller: 'p_m0008', path: '/families/f_0005/members/xx/prescriptions', fields: f(['path.memberId']) },
    { label: 'unknown query parameter', caller: 'p_m0008', path: `${fm}/prescriptions?all=1`, fields: { 'query.all': UNKNOWN } },
  ],
  'prescriptions.create': bodyCases('p_doc03', `${fm}/prescriptions`, rxBody, [
    { label: 'supply 27 days', caller: 'p_doc03', path: `${fm}/prescriptions`, body: rxBody({ supplyDays: 27 }), fields: { 'body.supplyDays': '长处方用药天数应为 28 到 56 天' } },
    { label: 'supply 57 days', caller: 'p_doc03', path: `${fm}/prescriptions`, body: rxBody({ supplyDays: 57 }), fields: { 'body.supplyDays': '长处方用药天数应为 28 到 56 天' } },
    { label: 'supply "28"', caller: 'p_doc03', path: `${fm}/prescriptions`, body: rxBody({ supplyDays: '28' }), fields: f(['body.supplyDays']) },
    { label: 'no medicines', caller: 'p_doc03', path: `${fm}/prescriptions`, body: rxBody({ items: [] }), fields: { 'body.items': '请至少开一种药' } },
    { label: 'refills 7', caller: 'p_doc03', path: `${fm}/prescriptions`, body: rxBody({ refills: 7 }), fields: f(['body.refills']) },
    { label: 'validUntil not a date', caller: 'p_doc03', path: `${fm}/prescriptions`, body: rxBody({ validUntil: '明年' }), fields: f(['body.validUntil']) },
  ]),
  'prescriptions.requestRefill': bodyCases('p_m0008', `${fm}/prescriptions/${RX_ID}/refills`, () => ({ fulfilment: 'pickup', pharmacy: 'org_cgwsy' }), [
    { label: 'pickup without a pharmacy', caller: 'p_m0008', path: `${fm}/prescriptions/${RX_ID}/refills`, body: { fulfilment: 'pickup' }, fields: { 'body.pharmacy': '请选择取药的药房' } },
    { label: 'unknown pharmacy', caller: 'p_m0008', path: `${fm}/prescriptions/${RX_ID}/refills`, body: { fulfilment: 'pickup', pharmacy: 'x' }, fields: { 'body.pharmacy': '请选择本县的取药药房' } },
    { label: 'an old pharmacy code', caller: 'p_m0008', path: `${fm}/prescriptions/${RX_ID}/refills`, body: { fulfilment: 'pickup', pharmacy: 'cg_health_centre' }, fields: { 'body.pharmacy': '请选择本县的取药药房' } },
    { label: 'prescriptionId malformed', caller: 'p_m0008', path: `${fm}/prescriptions/rx_1/refills`, body: { fulfilment: 'delivery' }, fields: f(['path.prescriptionId']) },
  ]),
  'prescriptions.listDoctorRefills': [{ label: 'unknown query parameter', caller: 'p_doc03', path: '/doctor/refills?status=all', fields: { 'query.status': UNKNOWN } }],
  'prescriptions.approveRefill': bodyCases('p_doc03', `${fm}/prescriptions/${RX_ID}/refills/${RF_ID}/approve`, () => ({}), [
    { label: 'refillId malformed', caller: 'p_doc03', path: `${fm}/prescriptions/${RX_ID}/refills/rf_1/approve`, body: {}, fields: f(['path.refillId']) },
    { label: 'prescriptionId malformed', caller: 'p_doc03', path: `${fm}/prescriptions/x/refills/${RF_ID}/approve`, body: {}, fields: f(['path.prescriptionId']) },
    { label: 'malformed Idempotency-Key', caller: 'p_doc03', path: `${fm}/prescriptions/${RX_ID}/refills/${RF_ID}/approve`, body: {}, headers: { 'idempotency-key': 'short' }, fields: f(['headers.idempotency-key']) },
  ]),
  'prescriptions.declineRefill': bodyCases('p_doc03', `${fm}/prescriptions/${RX_ID}/refills/${RF_ID}/decline`, () => ({ reason: '请先来卫生院复查' }), [
    { label: 'reason missing', caller: 'p_doc03', path: `${fm}/prescriptions/${RX_ID}/refills/${RF_ID}/decline`, body: {}, fields: f(['body.reason']) },
  ]),
  'prescriptions.refillReady': bodyCases('p_doc03', `${fm}/prescriptions/${RX_ID}/refills/${RF_ID}/ready`, () => ({}), [
    { label: 'refillId malformed', caller: 'p_doc03', path: `${fm}/prescriptions/${RX_ID}/refills/rf_x/ready`, body: {}, fields: f(['path.refillId']) },
  ]),
  ...ledgerBadCases(),
  ...requestsBadInput(),
  ...informationBadInput(),
  ...problemsBadInput(),
  ...reportBadInput(),
  ...walkInBadInput(),
  ...peopleBadInput(),
  ...lifecycleBadInput(),
  ...changesBadInput(),
  ...importBadCases(),
  ...actingBadInput(),
};

/** The ledger's routes: contacts of f_0005 by p_cadre02, who serves it. */
function importBadCases(): Pick<Record<RouteId, BadCase[]>, 'imports.presignUpload' | 'imports.start' | 'imports.get' | 'imports.template'> {
  const caller = 'p_comm01' as const;
  const upload = '/commission/imports/uploads';
  const run = '/commission/imports';
  return {
    'imports.presignUpload': [
      { label: 'a PDF', caller, path: upload, body: { contentType: 'application/pdf', size: 100 }, fields: { 'body.contentType': '只能上传 Excel（.xlsx）或 CSV 文件' } },
      { label: 'an old .xls', caller, path: upload, body: { contentType: 'application/vnd.ms-excel', size: 100 }, fields: f(['body.contentType']) },
      { label: 'an empty file', caller, path: upload, body: { contentType: 'text/csv', size: 0 }, fields: { 'body.size': '文件是空的' } },
      { label: 'over 5 MB', caller, path: upload, body: { contentType: 'text/csv', size: 5 * 1024 * 1024 + 1 }, fields: { 'body.size': '文件不能超过 5 MB' } },
      { label: 'unknown field', caller, path: upload, body: { contentType: 'text/csv', size: 10, key: 'imports/x.csv' }, fields: { 'body.key': UNKNOWN } },
      { label: 'malformed JSON', caller, path: upload, rawBody: '{"contentType":', fields: f(['body']) },
      { label: 'text/plain', caller, path: upload, rawBody: '{"contentType":"text/csv","size":10}', headers: { 'content-type': 'text/plain' }, status: 415 },
    ],
    'imports.get': [
      { label: 'not an import id', caller, path: `${run}/job1`, fields: { 'path.importId': '导入编号不正确' } },
      { label: 'id too long', caller, path: `${run}/imp_${'0'.repeat(30)}`, fields: { 'path.importId': '导入编号不正确' } },
    ],
    'imports.start': [
      { label: 'malformed JSON', caller, path: run, rawBody: '{"kind":', fields: f(['body']) },
      { label: 'kind doctors', caller, path: run, body: { kind: 'doctors', key: 'imports/p_comm01/a.csv' }, fields: f(['body.kind']) },
      { label: 'key missing', caller, path: run, body: { kind: 'families' }, fields: f(['body.key']) },
      { label: 'key with spaces', caller, path: run, body: { kind: 'families', key: 'imports/p comm01/a.csv' }, fields: { 'body.key': '附件编号格式不正确' } },
      { label: 'unknown field', caller, path: run, body: { kind: 'families', key: 'imports/p_comm01/a.csv', apply: true }, fields: { 'body.apply': UNKNOWN } },
      { label: 'text/plain', caller, path: run, rawBody: '{"kind":"families"}', headers: { 'content-type': 'text/plain' }, status: 415 },
    ],
    'imports.template': [
      { label: 'kind doctors', caller, path: '/commission/imports/template?kind=doctors', fields: f(['query.kind']) },
      { label: 'format pdf', caller, path: '/commission/imports/template?format=pdf', fields: f(['query.format']) },
    ],
  };
}

function ledgerBadCases(): Pick<Record<RouteId, BadCase[]>, 'ledger.recordContact' | 'ledger.listContactLog' | 'ledger.editContact' | 'ledger.getContactHistory' | 'ledger.listDue' | 'ledger.handOver' | 'ledger.listHandovers' | 'ledger.getDashboard' | 'ledger.exportLedger'> {
  const caller = 'p_cadre02' as const;
  const touch = { familyId: 'f_0005', caller };
  const log = '/families/f_0005/contact-log';
  const one = `${log}/ct_seed0005cadre02d15`;
  const contact = (change: Record<string, unknown> = {}) => ({ type: 'phone', date: '2026-01-05', ...change });
  const edit = (change: Record<string, unknown> = {}) => ({ reason: '补充说明', version: 1, ...change });
  const c = (label: string, path: string, rest: Partial<BadCase>): BadCase => ({ label, caller, path, touch, ...rest });
  return {
    'ledger.recordContact': [
      c('malformed JSON', log, { rawBody: '{"type":"phone",', fields: f(['body']) }),
      c('JSON array', log, { body: [contact()], fields: f(['body']) }),
      c('text/plain', log, { rawBody: JSON.stringify(contact()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', log, { body: contact({ staffId: 'p_cadre01' }), fields: { 'body.staffId': UNKNOWN } }),
      c('type not one of the five', log, { body: contact({ type: 'letter' }), fields: f(['body.type']) }),
      c('date missing', log, { body: contact({ date: undefined }), fields: f(['body.date']) }),
      c('date in another format', log, { body: contact({ date: '2026/01/05' }), fields: { 'body.date': '日期格式应为 YYYY-MM-DD' } }),
      c('followUp of the wrong type', log, { body: contact({ followUp: 'yes' }), fields: f(['body.followUp']) }),
      c('note oversize (501)', log, { body: contact({ needs: '要'.repeat(501) }), fields: { 'body.needs': '诉求不能超过 500 字' } }),
      c('seven photos', log, { body: contact({ photoKeys: Array.from({ length: 7 }, (_, i) => `k${i}`) }), fields: { 'body.photoKeys': '最多上传 6 张照片' } }),
      c('taskId not a task id', log, { body: contact({ type: 'home_visit', taskId: 'visit-42' }), fields: { 'body.taskId': '看望任务编号格式不正确' } }),
      c('taskId with a phone call', log, { body: contact({ taskId: 'admission.adm_000000000000' }), fields: { 'body.type': '看望任务请选择“登门走访”' } }),
      ...badFamilyIds.map(([label, id]) => c(`familyId ${label}`, `/families/${id}/contact-log`, { body: contact(), fields: f(['path.familyId']), touch: { caller } })),
    ],
    'ledger.listContactLog': [
      ...familyPathCases(caller, '/contact-log'),
    ],
    'ledger.editContact': [
      c('malformed JSON', one, { rawBody: '{"reason":', fields: f(['body']) }),
      c('text/plain', one, { rawBody: JSON.stringify(edit()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', one, { body: edit({ date: '2026-01-01' }), fields: { 'body.date': UNKNOWN } }),
      c('reason missing', one, { body: edit({ reason: undefined }), fields: f(['body.reason']) }),
      c('reason of one character', one, { body: edit({ reason: '改' }), fields: { 'body.reason': '请写明修改原因' } }),
      c('version not a whole number', one, { body: edit({ version: 1.5 }), fields: f(['body.version']) }),
      c('contactId not one of ours', `${log}/abc`, { body: edit(), fields: { 'path.contactId': '记录编号格式不正确' } }),
    ],
    'ledger.getContactHistory': [
      c('contactId not one of ours', `${log}/ct_x/history`, { fields: { 'path.contactId': '记录编号格式不正确' } }),
      c('familyId not an id', '/families/nope/contact-log/ct_seed0005cadre02d15/history', { fields: f(['path.familyId']), touch: { caller } }),
      c('unknown query parameter', `${one}/history?all=1`, { fields: { 'query.all': UNKNOWN } }),
    ],
    'ledger.listDue': [
      c('unknown query parameter', '/contact/due?days=30', { fields: { 'query.days': UNKNOWN }, touch: { caller } }),
    ],
    ...handoverBadCases(),
  };
}

function handoverBadCases(): Pick<Record<RouteId, BadCase[]>, 'ledger.handOver' | 'ledger.listHandovers' | 'ledger.getDashboard' | 'ledger.exportLedger'> {
  const caller = 'p_comm01' as const;
  const path = '/families/f_0005/handovers';
  const touch = { familyId: 'f_0005' };
  const body = (change: Record<string, unknown> = {}) => ({ kind: 'village_cadre', toStaffId: 'p_cadre01', ...change });
  const c = (label: string, rest: Partial<BadCase>): BadCase => ({ label, caller, path, touch, ...rest });
  return {
    'ledger.handOver': [
      c('malformed JSON', { rawBody: '{"kind":', fields: f(['body']) }),
      c('text/plain', { rawBody: JSON.stringify(body()), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', { body: body({ byStaffId: 'p_cadre02' }), fields: { 'body.byStaffId': UNKNOWN } }),
      c('fromStaffId not a person id', { body: body({ fromStaffId: 'cadre02' }), fields: f(['body.fromStaffId']) }),
      c('kind not a contact place', { body: body({ kind: 'hospital' }), fields: f(['body.kind']) }),
      c('toStaffId not a person id', { body: body({ toStaffId: 'f_0001' }), fields: { 'body.toStaffId': '人员编号格式不正确' } }),
      c('toStaffId missing', { body: body({ toStaffId: undefined }), fields: f(['body.toStaffId']) }),
      c('reason oversize', { body: body({ reason: '因'.repeat(201) }), fields: { 'body.reason': '交接原因不能超过 200 字' } }),
    ],
    'ledger.listHandovers': familyPathCases(caller, '/handovers'),
    'ledger.getDashboard': [
      { label: 'townshipId with the county prefix', caller, path: '/commission/dashboard?townshipId=c_qinghe', fields: f(['query.townshipId']) },
      { label: 'townshipId given twice', caller, path: '/commission/dashboard?townshipId=t_liulin&townshipId=t_chengguan', fields: f(['query.townshipId']) },
      { label: 'unknown query parameter', caller, path: '/commission/dashboard?month=2026-01', fields: { 'query.month': UNKNOWN } },
    ],
    'ledger.exportLedger': [
      { label: 'month empty', caller, path: '/commission/ledger-export?month=', fields: f(['query.month']) },
      { label: 'month 13', caller, path: '/commission/ledger-export?month=2026-13', fields: { 'query.month': '月份格式应为 YYYY-MM' } },
      { label: 'a whole date', caller, path: '/commission/ledger-export?month=2026-11-01', fields: f(['query.month']) },
      { label: 'format pdf', caller, path: '/commission/ledger-export?month=2026-11&format=pdf', fields: f(['query.format']) },
      { label: 'unknown query parameter', caller, path: '/commission/ledger-export?month=2026-11&all=1', fields: { 'query.all': UNKNOWN } },
    ],
  };
}

const tokens = new Map<Caller, string>();
let seedBefore: SliceFingerprint;

beforeAll(async () => {
  seedBefore = await sliceFingerprint(SEED_PARTITIONS);
  const login = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(bindOpenid) } });
  expect(login.body.status).toBe('unbound');
  bindTicket = login.body.bindTicket;
  for (const caller of ['p_m0008', 'p_cadre02', 'p_doc03', 'p_comm01', 'p_hosp02'] as const) tokens.set(caller, await tokenFor(caller));
});

test('every route in the table has bad-input cases', () => {
  for (const route of routes) expect({ route: route.id, cases: cases[route.id]?.length ?? 0 }).toEqual({ route: route.id, cases: expect.any(Number) });
  for (const route of routes) expect(cases[route.id].length).toBeGreaterThan(0);
  // Every body route has malformed-JSON, wrong content-type and unknown-field cases.
  for (const route of routes.filter((r) => r.method === 'POST' || r.method === 'PUT')) {
    const labels = cases[route.id].map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['malformed JSON', 'text/plain', 'unknown field']));
  }
});

/** The route the local gateway (matching as API Gateway does) sends the case to. */
const routeOf = (method: string, path: string) => {
  const match = matchRoute(method, path.split('?')[0]!);
  return typeof match === 'object' ? match.route : undefined;
};

describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  test.each(cases[route.id].map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    expect(routeOf(route.method, c.path)?.id).toBe(route.id);
    const token = c.caller === 'public' ? undefined : tokens.get(c.caller);
    const body = typeof c.body === 'function' ? (c.body as () => unknown)() : c.body;
    const res = await expectSliceUnchanged(touchable(c.touch ?? {}), () =>
      call(route.method, c.path, { token, body, rawBody: c.rawBody, headers: c.headers }),
    );
    const status = c.status ?? 400;
    expect({ status: res.status, body: res.body }).toEqual({ status, body: expect.objectContaining({ error: status === 415 ? 'unsupported_media_type' : 'invalid_request' }) });
    expect(res.body.message).toMatch(CHINESE);
    // Refused before any DynamoDB request: nothing read, nothing written, nothing counted.
    expect(res.ddbRequests).toBe(0);
    if (c.fields) {
      expect(Object.keys(res.body.fields ?? {}).sort()).toEqual(Object.keys(c.fields).sort());
      for (const [key, expected] of Object.entries(c.fields)) {
        expect(res.body.fields[key]).toMatch(CHINESE);
        if (typeof expected === 'string') expect(res.body.fields[key]).toBe(expected);
      }
    }
  });
});

test('a validation failure does not use up a binding try, nor bind anything', async () => {
  // The bind cases above all carried this file's ticket: the rate-limit window was never opened.
  expect(await getItem(rateLimitKey(bindOpenid))).toBeUndefined();
  expect(await getItem(keys.binding(bindOpenid))).toBeUndefined();
  expect((await getItem(keys.person('p_m0006')))?.openid).toBe('demo-openid-p_m0006');
});

test('after every bad request the seeded family partitions are unchanged', async () => {
  expect(await sliceFingerprint(SEED_PARTITIONS)).toEqual(seedBefore);
});
