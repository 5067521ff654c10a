import type { actingRoutes } from '../../functions/acting/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for acting on a family's behalf (代办) and the family's own setting, spread into
 * bad-input.test.ts (which runs them: 400/415, a Chinese message per field, no DynamoDB request,
 * nothing written). Callers: member p_m0008 (f_0005), its village cadre p_cadre02, doctor p_doc03;
 * none of them is written by another suite.
 */
type ActingRouteId = (typeof actingRoutes)[number]['id'];
export type ActingBadCase = BadCase<'p_m0008' | 'p_cadre02' | 'p_doc03'>;

const touch = { familyId: 'f_0005' };
const base = '/acting/families/f_0005';
const BK = 'bk_0000000000000000';
const RX = 'rx_0123456789abcdef';

export function actingBadInput(): Record<ActingRouteId, ActingBadCase[]> {
  const c = (label: string, path: string, rest: Partial<ActingBadCase>): ActingBadCase => ({ label, caller: 'p_cadre02', path, touch, ...rest });
  const d = (label: string, path: string, rest: Partial<ActingBadCase>): ActingBadCase => ({ label, caller: 'p_doc03', path, touch, ...rest });
  const m = (label: string, path: string, rest: Partial<ActingBadCase>): ActingBadCase => ({ label, caller: 'p_m0008', path, touch, ...rest });
  const basics = (path: string, valid: Record<string, unknown>): ActingBadCase[] => [
    c('malformed JSON', path, { rawBody: '{"a":', fields: f(['body']) }),
    c('JSON array', path, { body: [valid], fields: f(['body']) }),
    c('text/plain', path, { rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415 }),
    c('unknown field', path, { body: { ...valid, actedBy: 'p_cadre01' }, fields: { 'body.actedBy': UNKNOWN } }),
    c('familyId not an id', path.replace('f_0005', 'f_x'), { body: valid, fields: f(['path.familyId']), touch: {} }),
  ];
  const book = { institutionId: 'org_xyy', sessionId: '2030-03-05.xnk.am', memberId: 'p_m0008' };
  const admission = { institutionId: 'org_xyy', memberId: 'p_m0008', reason: '需要住院治疗' };
  const request = { category: 'medical', text: '想请人陪同去医院' };
  const survey = { awareness: 'know_all', satisfaction: 'satisfied' };
  const setting = '/families/f_0005/acting-setting';
  return {
    'acting.getSetting': [m('unknown query parameter', `${setting}?all=1`, { fields: { 'query.all': UNKNOWN } }), m('familyId not an id', '/families/x/acting-setting', { fields: f(['path.familyId']), touch: {} })],
    'acting.putSetting': [
      m('malformed JSON', setting, { rawBody: '{"refused":', fields: f(['body']) }),
      m('text/plain', setting, { rawBody: '{"refused":true}', headers: { 'content-type': 'text/plain' }, status: 415 }),
      m('refused missing', setting, { body: {}, fields: { 'body.refused': '请选择是否允许工作人员代办' } }),
      m('refused as text', setting, { body: { refused: '是' }, fields: { 'body.refused': '请选择是否允许工作人员代办' } }),
      m('unknown field', setting, { body: { refused: true, by: 'p_cadre02' }, fields: { 'body.by': UNKNOWN } }),
    ],
    'acting.getFamily': [c('unknown query parameter', `${base}?all=1`, { fields: { 'query.all': UNKNOWN } }), d('familyId not an id', '/acting/families/家庭', { fields: f(['path.familyId']), touch: {} })],
    'acting.book': [
      ...basics(`${base}/bookings`, book),
      c('everything missing', `${base}/bookings`, { body: {}, fields: f(['body.institutionId', 'body.sessionId', 'body.memberId']) }),
      c('memberId of a family id', `${base}/bookings`, { body: { ...book, memberId: 'f_0005' }, fields: f(['body.memberId']) }),
      c('needs of the wrong type', `${base}/bookings`, { body: { ...book, needsEscort: '要' }, fields: f(['body.needsEscort']) }),
      c('malformed Idempotency-Key', `${base}/bookings`, { body: book, headers: { 'idempotency-key': 'a b' }, fields: f(['headers.idempotency-key']) }),
    ],
    'acting.cancelBooking': [
      ...basics(`${base}/bookings/${BK}/cancel`, { reason: '临时有事' }),
      c('reason oversize', `${base}/bookings/${BK}/cancel`, { body: { reason: '事'.repeat(101) }, fields: { 'body.reason': '取消原因不能超过 100 字' } }),
      c('bookingId not an id', `${base}/bookings/xx/cancel`, { body: {}, fields: f(['path.bookingId']) }),
    ],
    'acting.rescheduleBooking': [
      ...basics(`${base}/bookings/${BK}/reschedule`, { sessionId: '2030-03-06.xnk.am' }),
      c('sessionId missing', `${base}/bookings/${BK}/reschedule`, { body: {}, fields: f(['body.sessionId']) }),
      d('bookingId with another prefix', `${base}/bookings/adm_0000000000000000/reschedule`, { body: { sessionId: '2030-03-06.xnk.am' }, fields: f(['path.bookingId']) }),
    ],
    'acting.requestAdmission': [
      ...basics(`${base}/admissions`, admission),
      c('reason of one character', `${base}/admissions`, { body: { ...admission, reason: '病' }, fields: { 'body.reason': '请说明需要住院的原因' } }),
      c('reason oversize', `${base}/admissions`, { body: { ...admission, reason: '病'.repeat(201) }, fields: { 'body.reason': '原因不能超过 200 字' } }),
      c('institution missing', `${base}/admissions`, { body: { memberId: 'p_m0008', reason: '需要住院治疗' }, fields: f(['body.institutionId']) }),
    ],
    'acting.requestRefill': [
      ...basics(`${base}/members/p_m0008/prescriptions/${RX}/refills`, { fulfilment: 'delivery' }),
      d('pickup without a pharmacy', `${base}/members/p_m0008/prescriptions/${RX}/refills`, { body: { fulfilment: 'pickup' }, fields: { 'body.pharmacy': '请选择取药的药房' } }),
      d('pharmacy not an institution id', `${base}/members/p_m0008/prescriptions/${RX}/refills`, { body: { fulfilment: 'pickup', pharmacy: '城关镇卫生院药房' }, fields: { 'body.pharmacy': '请选择本县的取药药房' } }),
      d('prescriptionId malformed', `${base}/members/p_m0008/prescriptions/rx_1/refills`, { body: { fulfilment: 'delivery' }, fields: f(['path.prescriptionId']) }),
      d('memberId not an id', `${base}/members/xx/prescriptions/${RX}/refills`, { body: { fulfilment: 'delivery' }, fields: f(['path.memberId']) }),
    ],
    'acting.createRequest': [
      ...basics(`${base}/requests`, request),
      c('category not one of the six', `${base}/requests`, { body: { ...request, category: 'money' }, fields: f(['body.category']) }),
      c('text only spaces', `${base}/requests`, { body: { ...request, text: '   ' }, fields: { 'body.text': '请填写诉求内容' } }),
      c('text oversize (501)', `${base}/requests`, { body: { ...request, text: '要'.repeat(501) }, fields: { 'body.text': '诉求内容不能超过 500 字' } }),
    ],
    'acting.recordSurvey': [
      ...basics(`${base}/survey`, survey),
      c('awareness not one of the answers', `${base}/survey`, { body: { ...survey, awareness: 'yes' }, fields: f(['body.awareness']) }),
      c('satisfaction missing', `${base}/survey`, { body: { awareness: 'know_all' }, fields: f(['body.satisfaction']) }),
    ],
  };
}
