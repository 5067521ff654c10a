import type { bookingRoutes } from '../../functions/booking/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the booking and green-channel routes, spread into bad-input.test.ts (which runs
 * them: 400/415, a Chinese message per field, no DynamoDB request). Callers: member p_m0008
 * (f_0005), doctor p_doc03, hospital p_hosp02 (城关镇卫生院), none of which another suite writes.
 */
type BookingRouteId = (typeof bookingRoutes)[number]['id'];
export type BookingCaller = 'p_m0008' | 'p_doc03' | 'p_hosp02';
export type BookingBadCase = BadCase<BookingCaller>;


const SESSION = '2030-03-05.xnk.am';
const book = { institutionId: 'org_xyy', sessionId: SESSION, memberId: 'p_m0008' };
const BK = 'bk_0000000000000000';
const ADM = 'adm_000000000000';
/** Shaped like a card code (the schema passes it); its signature is wrong. */
const TOKEN = `LX1.GAYDAMI.1.TBK2QO.TBK3FW.${'A'.repeat(20)}`;
const TOWNSHIP = 'org_cgwsy';
const rosterDoctor = { name: '林振华', title: '主任医师', departmentId: 'qk' };
const slot = { weekday: 1, period: 'am', startTime: '08:00', endTime: '11:30', capacity: 30, priorityQuota: 3, releaseHoursBefore: 24 };

/** Malformed JSON, text/plain and an unknown field next to a valid body. */
function bodyBasics(caller: BookingCaller, path: string, valid: Record<string, unknown>): BookingBadCase[] {
  return [
    { label: 'malformed JSON', caller, path, rawBody: '{"institutionId":', fields: f(['body']) },
    { label: 'JSON array', caller, path, body: [valid], fields: f(['body']) },
    { label: 'text/plain', caller, path, rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415 },
    { label: 'unknown field', caller, path, body: { ...valid, status: 'checked_in' }, fields: { 'body.status': UNKNOWN } },
  ];
}

const badBookingIds: Array<[string, string]> = [
  ['bookingId not an id', 'xx'],
  ['bookingId with another prefix', 'adm_0000000000000000'],
  ['bookingId with punctuation', 'bk_0000;drop0000'],
  ['bookingId oversize', `bk_${'1'.repeat(41)}`],
];

export function bookingBadInput(): Record<BookingRouteId, BookingBadCase[]> {
  const m = 'p_m0008' as const;
  const h = 'p_hosp02' as const;
  return {
    'booking.listInstitutions': [{ label: 'unknown query parameter', caller: m, path: '/institutions?county=c_qinghe', fields: { 'query.county': UNKNOWN } }],
    'booking.listSessions': [
      { label: 'date missing', caller: m, path: '/institutions/org_xyy/sessions', fields: f(['query.date']) },
      { label: 'a date with a time in another zone', caller: m, path: '/institutions/org_xyy/sessions?date=2030-03-05T08:00:00Z', fields: { 'query.date': '日期格式应为 YYYY-MM-DD' } },
      { label: 'institutionId not an id', caller: m, path: '/institutions/hospital/sessions?date=2030-03-05', fields: f(['path.institutionId']) },
      { label: 'departmentId with capitals', caller: m, path: '/institutions/org_xyy/sessions?date=2030-03-05&departmentId=XNK', fields: f(['query.departmentId']) },
      { label: 'unknown query parameter', caller: m, path: '/institutions/org_xyy/sessions?date=2030-03-05&all=1', fields: { 'query.all': UNKNOWN } },
      { label: 'days not a number', caller: m, path: '/institutions/org_xyy/sessions?date=2030-03-05&days=week', fields: { 'query.days': '天数应为 1 到 14 的整数' } },
      { label: 'days zero', caller: m, path: '/institutions/org_xyy/sessions?date=2030-03-05&days=0', fields: { 'query.days': '天数至少为 1' } },
      { label: 'days beyond the booking window', caller: m, path: '/institutions/org_xyy/sessions?date=2030-03-05&days=15', fields: { 'query.days': '天数最多为 14' } },
    ],
    'booking.book': [
      ...bodyBasics(m, '/families/f_0005/bookings', book),
      { label: 'everything missing', caller: m, path: '/families/f_0005/bookings', body: {}, fields: f(['body.institutionId', 'body.sessionId', 'body.memberId']) },
      { label: 'sessionId that is a time', caller: m, path: '/families/f_0005/bookings', body: { ...book, sessionId: '2030-03-05T08:00:00+09:00' }, fields: { 'body.sessionId': '号源编号格式不正确' } },
      { label: 'needs of the wrong type', caller: m, path: '/families/f_0005/bookings', body: { ...book, needsEscort: 'yes', needsWheelchair: 1 }, fields: f(['body.needsEscort', 'body.needsWheelchair']) },
      { label: 'memberId of a family id', caller: m, path: '/families/f_0005/bookings', body: { ...book, memberId: 'f_0005' }, fields: f(['body.memberId']) },
      { label: 'familyId not an id', caller: m, path: '/families/xx/bookings', body: book, fields: f(['path.familyId']) },
      { label: 'malformed Idempotency-Key', caller: m, path: '/families/f_0005/bookings', body: book, headers: { 'idempotency-key': 'short' }, fields: f(['headers.idempotency-key']) },
    ],
    'booking.listFamilyBookings': [
      { label: 'familyId not an id', caller: m, path: '/families/f_00/bookings', fields: f(['path.familyId']) },
      { label: 'unknown query parameter', caller: m, path: '/families/f_0005/bookings?memberId=p_m0001', fields: { 'query.memberId': UNKNOWN } },
    ],
    'booking.getBooking': badBookingIds.map(([label, id]) => ({ label, caller: m, path: `/families/f_0005/bookings/${id}`, fields: f(['path.bookingId']) })),
    'booking.cancel': [
      ...bodyBasics(m, `/families/f_0005/bookings/${BK}/cancel`, { reason: '临时有事' }),
      ...badBookingIds.map(([label, id]) => ({ label, caller: m, path: `/families/f_0005/bookings/${id}/cancel`, body: {}, fields: f(['path.bookingId']) })),
      { label: 'reason oversize', caller: m, path: `/families/f_0005/bookings/${BK}/cancel`, body: { reason: '忙'.repeat(101) }, fields: { 'body.reason': '取消原因不能超过 100 字' } },
    ],
    'booking.reschedule': [
      ...bodyBasics(m, `/families/f_0005/bookings/${BK}/reschedule`, { sessionId: SESSION }),
      { label: 'sessionId missing', caller: m, path: `/families/f_0005/bookings/${BK}/reschedule`, body: {}, fields: f(['body.sessionId']) },
      { label: 'bookingId not an id', caller: m, path: '/families/f_0005/bookings/xx/reschedule', body: { sessionId: SESSION }, fields: f(['path.bookingId']) },
    ],
    'booking.joinWaitlist': [
      ...bodyBasics(m, '/families/f_0005/waitlist', book),
      { label: 'period not am/pm', caller: m, path: '/families/f_0005/waitlist', body: { ...book, sessionId: '2030-03-05.xnk.night' }, fields: f(['body.sessionId']) },
    ],
    'booking.acceptOffer': [
      ...bodyBasics(m, '/families/f_0005/waitlist/accept', book),
      { label: 'institutionId missing', caller: m, path: '/families/f_0005/waitlist/accept', body: { sessionId: SESSION, memberId: 'p_m0008' }, fields: f(['body.institutionId']) },
    ],
    'booking.requestAdmission': [
      ...bodyBasics(m, '/families/f_0005/admissions', { institutionId: 'org_xyy', memberId: 'p_m0008', reason: '需要住院' }),
      { label: 'reason empty', caller: m, path: '/families/f_0005/admissions', body: { institutionId: 'org_xyy', memberId: 'p_m0008', reason: ' ' }, fields: { 'body.reason': '请说明需要住院的原因' } },
      { label: 'reason oversize', caller: m, path: '/families/f_0005/admissions', body: { institutionId: 'org_xyy', memberId: 'p_m0008', reason: '痛'.repeat(201) }, fields: f(['body.reason']) },
    ],
    'booking.listFamilyAdmissions': [{ label: 'unknown query parameter', caller: m, path: '/families/f_0005/admissions?all=1', fields: { 'query.all': UNKNOWN } }],
    'booking.refer': [
      ...bodyBasics('p_doc03', '/doctor/referrals', { familyId: 'f_0008', memberId: 'p_m0012', institutionId: 'org_xyy', sessionId: SESSION, reason: '转诊' }),
      { label: 'reason missing', caller: 'p_doc03', path: '/doctor/referrals', body: { familyId: 'f_0008', memberId: 'p_m0012', institutionId: 'org_xyy', sessionId: SESSION }, fields: f(['body.reason']) },
    ],
    'hospital.today': [
      { label: 'date in another form', caller: h, path: '/hospital/today?date=5/3/2030', fields: f(['query.date']) },
      { label: 'unknown query parameter', caller: h, path: '/hospital/today?institutionId=org_xyy', fields: { 'query.institutionId': UNKNOWN } },
    ],
    'hospital.checkCard': [
      ...bodyBasics(h, '/hospital/card-checks', { token: TOKEN }),
      { label: 'token missing', caller: h, path: '/hospital/card-checks', body: {}, fields: f(['body.token']) },
      { label: 'token empty', caller: h, path: '/hospital/card-checks', body: { token: '  ' }, fields: { 'body.token': '请扫描或粘贴服务卡二维码' } },
      { label: 'token not a card code', caller: h, path: '/hospital/card-checks', body: { token: 'LXCARD1.x' }, fields: { 'body.token': '服务卡二维码无效' } },
      { label: 'token oversize', caller: h, path: '/hospital/card-checks', body: { token: 'a'.repeat(2001) }, fields: { 'body.token': '服务卡二维码无效' } },
    ],
    'hospital.checkIn': [
      ...bodyBasics(h, `/hospital/bookings/${BK}/check-in`, { token: TOKEN }),
      { label: 'bookingId not an id', caller: h, path: '/hospital/bookings/xx/check-in', body: { token: TOKEN }, fields: f(['path.bookingId']) },
    ],
    'hospital.noShow': [
      ...bodyBasics(h, `/hospital/bookings/${BK}/no-show`, { note: '电话未接通' }),
      ...badBookingIds.map(([label, id]) => ({ label, caller: h, path: `/hospital/bookings/${id}/no-show`, body: {}, fields: f(['path.bookingId']) })),
    ],
    'hospital.recordVisit': [
      ...bodyBasics(h, `/hospital/bookings/${BK}/visit`, { prioritiesGiven: ['优先挂号'] }),
      { label: 'a priority that does not exist', caller: h, path: `/hospital/bookings/${BK}/visit`, body: { prioritiesGiven: ['免费住院'] }, fields: f(['body.prioritiesGiven.0']) },
      { label: 'negative fee reduction', caller: h, path: `/hospital/bookings/${BK}/visit`, body: { prioritiesGiven: [], feeReductionYuan: -5 }, fields: { 'body.feeReductionYuan': '减免金额不能为负数' } },
    ],
    'hospital.listAdmissions': [{ label: 'unknown query parameter', caller: h, path: '/hospital/admissions?status=all', fields: { 'query.status': UNKNOWN } }],
    'hospital.decideAdmission': [
      ...bodyBasics(h, `/hospital/admissions/${ADM}/decision`, { accept: true, reason: '有床位' }),
      { label: 'accept as a string', caller: h, path: `/hospital/admissions/${ADM}/decision`, body: { accept: 'yes', reason: '有床位' }, fields: f(['body.accept']) },
      { label: 'admissionId not an id', caller: h, path: '/hospital/admissions/bk_0000000000000000/decision', body: { accept: true, reason: '有床位' }, fields: f(['path.admissionId']) },
    ],
    'hospital.discharge': [
      ...bodyBasics(h, `/hospital/admissions/${ADM}/discharge`, { dischargedAt: '2030-09-05T10:00:00+08:00', note: '好转出院' }),
      { label: 'a time in another zone', caller: h, path: `/hospital/admissions/${ADM}/discharge`, body: { dischargedAt: '2030-09-05T02:00:00Z', note: '好转出院' }, fields: { 'body.dischargedAt': '请使用北京时间（时间应以 +08:00 结尾）' } },
      { label: 'a time without offset', caller: h, path: `/hospital/admissions/${ADM}/discharge`, body: { dischargedAt: '2030-09-05 10:00', note: '好转出院' }, fields: f(['body.dischargedAt']) },
      { label: 'note missing', caller: h, path: `/hospital/admissions/${ADM}/discharge`, body: { dischargedAt: '2030-09-05T10:00:00+08:00' }, fields: f(['body.note']) },
    ],
    'hospital.getSchedule': [
      { label: 'institutionId not an id', caller: h, path: '/hospital/institutions/cgwsy/schedule', fields: f(['path.institutionId']) },
      { label: 'unknown query parameter', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule?all=1`, fields: { 'query.all': UNKNOWN } },
    ],
    'hospital.putDoctorSchedule': [
      ...bodyBasics(h, `/hospital/institutions/${TOWNSHIP}/schedule`, { doctorId: 'dr_cgwsy1', slots: [slot] }),
      { label: 'doctorId not an id', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: '陈立新', slots: [slot] }, fields: f(['body.doctorId']) },
      { label: 'weekday 8', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: 'dr_cgwsy1', slots: [{ ...slot, weekday: 8 }] }, fields: f(['body.slots.0.weekday']) },
      { label: 'a time that is not HH:MM', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: 'dr_cgwsy1', slots: [{ ...slot, startTime: '8点' }] }, fields: f(['body.slots.0.startTime']) },
      { label: 'a time with a zone', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: 'dr_cgwsy1', slots: [{ ...slot, endTime: '11:30Z' }] }, fields: f(['body.slots.0.endTime']) },
      { label: 'negative quota', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: 'dr_cgwsy1', slots: [{ ...slot, priorityQuota: -1 }] }, fields: f(['body.slots.0.priorityQuota']) },
      { label: 'capacity not a whole number', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: 'dr_cgwsy1', slots: [{ ...slot, capacity: 2.5 }] }, fields: f(['body.slots.0.capacity']) },
      { label: 'slots missing', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule`, body: { doctorId: 'dr_cgwsy1' }, fields: f(['body.slots']) },
    ],
    'hospital.addDoctor': [
      ...bodyBasics(h, `/hospital/institutions/${TOWNSHIP}/doctors`, rosterDoctor),
      { label: 'name missing', caller: h, path: `/hospital/institutions/${TOWNSHIP}/doctors`, body: { ...rosterDoctor, name: undefined }, fields: f(['body.name']) },
      { label: 'name blank', caller: h, path: `/hospital/institutions/${TOWNSHIP}/doctors`, body: { ...rosterDoctor, name: '  ' }, fields: { 'body.name': '请填写姓名' } },
      { label: 'title missing', caller: h, path: `/hospital/institutions/${TOWNSHIP}/doctors`, body: { ...rosterDoctor, title: undefined }, fields: { 'body.title': '请填写职称' } },
      { label: 'title too long', caller: h, path: `/hospital/institutions/${TOWNSHIP}/doctors`, body: { ...rosterDoctor, title: '主'.repeat(11) }, fields: { 'body.title': '职称不能超过 10 个字' } },
      { label: 'departmentId with capitals', caller: h, path: `/hospital/institutions/${TOWNSHIP}/doctors`, body: { ...rosterDoctor, departmentId: 'QK' }, fields: { 'body.departmentId': '科室编号格式不正确' } },
      { label: 'institutionId not an id', caller: h, path: '/hospital/institutions/cgwsy/doctors', body: rosterDoctor, fields: f(['path.institutionId']) },
    ],
    'hospital.putOverride': [
      ...bodyBasics(h, `/hospital/institutions/${TOWNSHIP}/schedule-overrides`, { date: '2030-10-01', reason: '国庆放假' }),
      { label: 'a date with a time in another zone', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule-overrides`, body: { date: '2030-10-01T00:00:00Z', reason: '国庆放假' }, fields: { 'body.date': '日期格式应为 YYYY-MM-DD' } },
      { label: 'reason missing', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule-overrides`, body: { date: '2030-10-01' }, fields: f(['body.reason']) },
      { label: 'departmentId with capitals', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule-overrides`, body: { date: '2030-10-01', departmentId: 'QK', reason: '科室培训' }, fields: f(['body.departmentId']) },
    ],
    'hospital.deleteOverride': [
      { label: 'a date that is not a date', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule-overrides/tomorrow/ALL`, fields: f(['path.date']) },
      { label: 'a target that is neither ALL, a department nor a doctor', caller: h, path: `/hospital/institutions/${TOWNSHIP}/schedule-overrides/2030-10-01/all;drop`, fields: f(['path.target']) },
    ],
  };
}
