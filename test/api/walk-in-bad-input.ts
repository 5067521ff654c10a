import type { hospitalRoutes } from '../../functions/hospital/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the hospital window's routes, spread into bad-input.test.ts (400/415, a Chinese
 * message per field, no DynamoDB request). Caller: p_hosp02 (城关镇卫生院), whom no suite writes.
 */
type HospitalRouteId = (typeof hospitalRoutes)[number]['id'];
type WalkInCaller = 'p_hosp02';

const h = 'p_hosp02' as const;
const walkIn = {
  presentedTicket: 'x.y.z',
  memberId: 'p_m0008',
  departmentId: 'qk',
  priorities: ['挂号'],
  escort: false,
  wheelchair: false,
  reductions: [{ item: '诊察费', amountFen: 1000 }],
  payLater: false,
};
const emergency = { presentedTicket: 'x.y.z', memberId: 'p_m0008', reason: '突发胸痛', relativesTried: '亲属电话未接通', leaderName: '李院长', approvedAt: '2026-01-01T09:00:00+08:00' };

function bodyBasics(path: string, valid: Record<string, unknown>): BadCase<WalkInCaller>[] {
  return [
    { label: 'malformed JSON', caller: h, path, rawBody: '{"by":', fields: f(['body']) },
    { label: 'JSON array', caller: h, path, body: [valid], fields: f(['body']) },
    { label: 'text/plain', caller: h, path, rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415 },
    { label: 'unknown field', caller: h, path, body: { ...valid, familyId: 'f_0005' }, fields: { 'body.familyId': UNKNOWN } },
  ];
}

export function walkInBadInput(): Record<HospitalRouteId, BadCase<WalkInCaller>[]> {
  const lookup = '/hospital/patient-lookups';
  const walk = '/hospital/walk-ins';
  const em = '/hospital/emergency-admissions';
  return {
    'hospital.findPatient': [
      ...bodyBasics(lookup, { by: 'cardNo', cardNo: 'QH20250005' }),
      { label: 'no way of looking up', caller: h, path: lookup, body: {}, fields: f(['body.by']) },
      { label: 'an unknown way', caller: h, path: lookup, body: { by: 'phone', phone: '13900000000' }, fields: f(['body.by']) },
      { label: 'card number empty', caller: h, path: lookup, body: { by: 'cardNo', cardNo: '  ' }, fields: { 'body.cardNo': '请填写服务卡号' } },
      { label: 'card number with punctuation', caller: h, path: lookup, body: { by: 'cardNo', cardNo: 'QH-2025;0005' }, fields: { 'body.cardNo': '服务卡号应为 4 到 30 位字母或数字' } },
      { label: 'name missing', caller: h, path: lookup, body: { by: 'nameId', idLast6: '123456' }, fields: f(['body.name']) },
      { label: 'ID digits too short', caller: h, path: lookup, body: { by: 'nameId', name: '王秀英', idLast6: '1234' }, fields: { 'body.idLast6': '请填写身份证号后 6 位（最后一位可以是 X）' } },
      { label: 'name with digits', caller: h, path: lookup, body: { by: 'nameId', name: '王1', idLast6: '123456' }, fields: f(['body.name']) },
      { label: 'code that is not a card code', caller: h, path: lookup, body: { by: 'code', token: 'https://example.com' }, fields: { 'body.token': '服务卡二维码无效' } },
      { label: 'a field of another way', caller: h, path: lookup, body: { by: 'cardNo', cardNo: 'QH20250005', name: '王秀英' }, fields: { 'body.name': UNKNOWN } },
    ],
    'hospital.recordWalkIn': [
      ...bodyBasics(walk, walkIn),
      { label: 'everything missing', caller: h, path: walk, body: {}, fields: f(['body.presentedTicket', 'body.memberId', 'body.departmentId', 'body.priorities', 'body.escort', 'body.wheelchair', 'body.reductions', 'body.payLater']) },
      { label: 'a priority not on the list', caller: h, path: walk, body: { ...walkIn, priorities: ['插队'] }, fields: f(['body.priorities.0']) },
      { label: 'a priority twice', caller: h, path: walk, body: { ...walkIn, priorities: ['挂号', '挂号'] }, fields: { 'body.priorities': '优先服务项目重复' } },
      { label: 'a reduction in yuan with 3 decimals (not fen)', caller: h, path: walk, body: { ...walkIn, reductions: [{ item: '诊察费', amountFen: 10.5 }] }, fields: { 'body.reductions.0.amountFen': '减免金额请填写到分（最多两位小数）' } },
      { label: 'a reduction of zero', caller: h, path: walk, body: { ...walkIn, reductions: [{ item: '诊察费', amountFen: 0 }] }, fields: { 'body.reductions.0.amountFen': '减免金额至少 0.01 元' } },
      { label: 'a reduction too large', caller: h, path: walk, body: { ...walkIn, reductions: [{ item: '诊察费', amountFen: 10_000_001 }] }, fields: { 'body.reductions.0.amountFen': '减免金额不能超过 100000 元' } },
      { label: 'the same fee twice', caller: h, path: walk, body: { ...walkIn, reductions: [{ item: '诊察费', amountFen: 100 }, { item: '诊察费', amountFen: 200 }] }, fields: { 'body.reductions': '同一项费用只填一次' } },
      { label: 'a fee not on the list', caller: h, path: walk, body: { ...walkIn, reductions: [{ item: '红包', amountFen: 100 }] }, fields: f(['body.reductions.0.item']) },
      { label: 'escort as text', caller: h, path: walk, body: { ...walkIn, escort: 'yes', payLater: 1 }, fields: f(['body.escort', 'body.payLater']) },
      { label: 'department with capitals', caller: h, path: walk, body: { ...walkIn, departmentId: 'QK' }, fields: { 'body.departmentId': '科室编号格式不正确' } },
      { label: 'a note of 201 characters', caller: h, path: walk, body: { ...walkIn, note: '好'.repeat(201) }, fields: { 'body.note': '备注不能超过 200 字' } },
      { label: 'a ticket that is not one', caller: h, path: walk, body: walkIn, fields: { 'body.presentedTicket': '查找凭证无效，请重新查找患者家庭' } },
    ],
    'hospital.listWalkIns': [{ label: 'unknown query parameter', caller: h, path: '/hospital/walk-ins?date=2026-01-01', fields: { 'query.date': UNKNOWN } }],
    'hospital.recordEmergencyAdmission': [
      ...bodyBasics(em, emergency),
      { label: 'everything missing', caller: h, path: em, body: {}, fields: f(['body.presentedTicket', 'body.memberId', 'body.reason', 'body.relativesTried', 'body.leaderName', 'body.approvedAt']) },
      { label: 'approval time without offset', caller: h, path: em, body: { ...emergency, approvedAt: '2026-01-01 09:00' }, fields: f(['body.approvedAt']) },
      { label: 'approval time in the future', caller: h, path: em, body: { ...emergency, approvedAt: '2099-01-01T09:00:00+08:00' }, fields: { 'body.approvedAt': '批准时间不能晚于现在' } },
      { label: 'approval a day old', caller: h, path: em, body: emergency, fields: { 'body.approvedAt': '不能早于 24 小时前' } },
      { label: 'leader name missing', caller: h, path: em, body: { ...emergency, leaderName: '' }, fields: f(['body.leaderName']) },
      { label: 'relatives tried blank', caller: h, path: em, body: { ...emergency, relativesTried: ' ' }, fields: { 'body.relativesTried': '请写明联系过哪些亲属、为何联系不上' } },
    ],
  };
}
