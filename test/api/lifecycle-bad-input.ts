import type { lifecycleRoutes } from '../../functions/lifecycle/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the lifecycle routes (family details, corrections, deaths, moves, the card),
 * spread into bad-input.test.ts (which runs them: 400/415, a Chinese message per field, nothing
 * written). Callers: the county officer p_comm01 and f_0005's cadre p_cadre02, against f_0005,
 * which no other suite writes; every case fails validation before the family is read. (Dates
 * later than the request's day are refused by the handlers: lifecycle.test.ts.)
 */
type LifecycleRouteId = (typeof lifecycleRoutes)[number]['id'];
export type LifecycleBadCase = BadCase<'p_comm01' | 'p_cadre02' | 'p_doc03'>;

const touch = { familyId: 'f_0005' };
const fam = '/families/f_0005';
const member = `${fam}/members/p_m0008`;

export function lifecycleBadInput(): Record<LifecycleRouteId, LifecycleBadCase[]> {
  const c = (label: string, path: string, rest: Partial<LifecycleBadCase>): LifecycleBadCase => ({ label, caller: 'p_comm01', path, touch, ...rest });
  const basics = (path: string, valid: Record<string, unknown>): LifecycleBadCase[] => [
    c('malformed JSON', path, { rawBody: '{"version":', fields: f(['body']) }),
    c('text/plain', path, { rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415 }),
    c('unknown field', path, { body: { ...valid, familyId: 'f_0001' }, fields: { 'body.familyId': UNKNOWN } }),
    c('version missing', path, { body: { ...valid, version: undefined }, fields: { 'body.version': '缺少记录版本，请刷新后重试' } }),
    c('version not whole', path, { body: { ...valid, version: 1.5 }, fields: { 'body.version': '记录版本应为整数' } }),
    c('version zero', path, { body: { ...valid, version: 0 }, fields: { 'body.version': '记录版本应为正整数' } }),
  ];
  const details = { version: 1, address: '西街村 3 组 12 号', lowIncome: false, registeredPoor: false, illnessPoverty: false, familyType: 'bereaved' };
  const correction = { version: 1, name: '吴振华', relation: '本人', birthDate: '1955-09-30', gender: 'male', reason: '身份证复核' };
  const move = { version: 1, townshipId: 't_liulin', villageId: 'v_liulin', villageName: '柳林村', address: '柳林村 1 号', townshipLeaderId: 'p_lead02', villageCadreId: 'p_cadre03' };
  const handover = { version: 1, on: '2026-01-05', card: true, infoCard: true };
  return {
    'lifecycle.getDetails': [c('familyId not an id', '/families/nope/details', { fields: f(['path.familyId']), touch: {} }), c('unknown query parameter', `${fam}/details?all=1`, { fields: { 'query.all': UNKNOWN } })],
    'lifecycle.listChanges': [
      c('familyId not an id', '/families/nope/changes', { fields: f(['path.familyId']), touch: {} }),
      c('limit zero', `${fam}/changes?limit=0`, { fields: { 'query.limit': '每页数量至少为 1' } }),
      c('cursor with punctuation', `${fam}/changes?cursor=a;b`, { fields: { 'query.cursor': '翻页标记格式不正确' } }),
    ],
    'lifecycle.editDetails': [
      ...basics(`${fam}/details`, details),
      c('address empty', `${fam}/details`, { body: { ...details, address: '  ' }, fields: { 'body.address': '请填写家庭住址' } }),
      c('address oversize', `${fam}/details`, { body: { ...details, address: '村'.repeat(101) }, fields: { 'body.address': '家庭住址不能超过 100 字' } }),
      c('flags missing', `${fam}/details`, { body: { version: 1, address: '西街村', familyType: 'bereaved' }, fields: { 'body.lowIncome': '请选择是否为低保户', 'body.registeredPoor': '请选择是否为建档立卡户', 'body.illnessPoverty': '请选择是否因病致贫' } }),
      c('a flag as text', `${fam}/details`, { body: { ...details, lowIncome: '是' }, fields: { 'body.lowIncome': '请选择是否为低保户' } }),
      c('family type not one of the two', `${fam}/details`, { body: { ...details, familyType: 'poor' }, fields: { 'body.familyType': '请选择家庭类别：失独或伤残' } }),
      c('reason of one character', `${fam}/details`, { body: { ...details, reason: '改' }, fields: { 'body.reason': '请填写变更原因' } }),
    ],
    'lifecycle.correctMember': [
      ...basics(member, correction),
      c('birth date in another format', member, { body: { ...correction, birthDate: '1955/09/30' }, fields: { 'body.birthDate': '日期格式应为 YYYY-MM-DD' } }),
      c('phone of 10 digits', member, { body: { ...correction, phone: '1383110000' }, fields: { 'body.phone': '请填写 11 位手机号码' } }),
      c('gender unknown', member, { body: { ...correction, gender: 'x' }, fields: { 'body.gender': '请选择性别' } }),
      c('reason missing', member, { body: { ...correction, reason: undefined }, fields: f(['body.reason']) }),
      c('memberId not a person id', `${fam}/members/f_0005`, { body: correction, fields: f(['path.memberId']) }),
    ],
    'lifecycle.recordDeath': [
      ...basics(`${member}/death`, { version: 1, diedOn: '2026-01-05' }),
      c('date in another format', `${member}/death`, { body: { version: 1, diedOn: '2026年1月5日' }, fields: { 'body.diedOn': '日期格式应为 YYYY-MM-DD' } }),
      c('note oversize', `${member}/death`, { body: { version: 1, diedOn: '2026-01-05', note: '病'.repeat(201) }, fields: { 'body.note': '备注不能超过 200 字' } }),
    ],
    'lifecycle.moveFamily': [
      ...basics(`${fam}/move`, move),
      c('townshipId a village id', `${fam}/move`, { body: { ...move, townshipId: 'v_liulin' }, fields: { 'body.townshipId': '乡镇编号格式不正确' } }),
      c('leader not a person id', `${fam}/move`, { body: { ...move, townshipLeaderId: 't_liulin' }, fields: { 'body.townshipLeaderId': '人员编号格式不正确' } }),
      c('address missing', `${fam}/move`, { body: { ...move, address: undefined }, fields: f(['body.address']) }),
    ],
    'lifecycle.transferOut': [
      ...basics(`${fam}/transfer-out`, { version: 1, destination: '石家庄市长安区', movedOn: '2026-01-05' }),
      c('destination empty', `${fam}/transfer-out`, { body: { version: 1, destination: '', movedOn: '2026-01-05' }, fields: { 'body.destination': '请填写迁往地' } }),
    ],
    'lifecycle.handOverCard': [
      ...basics(`${fam}/card/handover`, handover).map((x) => ({ ...x, caller: 'p_cadre02' as const })),
      c('nothing handed over', `${fam}/card/handover`, { caller: 'p_cadre02', body: { ...handover, card: false, infoCard: false }, fields: { 'body.card': '请至少选择一项送达的卡' } }),
      c('card flag missing', `${fam}/card/handover`, { caller: 'p_cadre02', body: { ...handover, card: undefined }, fields: { 'body.card': '请选择是否送达服务卡' } }),
    ],
    'lifecycle.revokeCard': [
      ...basics(`${fam}/card/revoke`, { version: 1, reason: 'lost' }),
      c('reason not one of three', `${fam}/card/revoke`, { body: { version: 1, reason: 'stolen' }, fields: { 'body.reason': '请选择挂失原因' } }),
    ],
    'lifecycle.reissueCard': [
      ...basics(`${fam}/card/reissue`, { version: 1, cardNo: 'QH2026NEW1' }),
      c('card number in lower case with spaces', `${fam}/card/reissue`, { body: { version: 1, cardNo: 'qh 01' }, fields: { 'body.cardNo': '服务卡号应为 4 到 24 位大写字母、数字或连字符' } }),
    ],
  };
}

type PolicySupportRouteId = 'policy.createContract' | 'policy.updateClaim' | 'policy.getCostBurden' | 'policy.getFollowUpDates';

/** The 双签约 routes this work adds (policy/routes.ts): contracts, claims, the two teams' views. */
export function policySupportBadInput(): Record<PolicySupportRouteId, LifecycleBadCase[]> {
  const c = (label: string, path: string, rest: Partial<LifecycleBadCase>): LifecycleBadCase => ({ label, caller: 'p_comm01', path, touch, ...rest });
  const contract = { cadreId: 'p_cadre02', yearlyIncomeFen: 2_400_000, startDate: '2026-01-01', endDate: '2026-12-31' };
  const claimPath = `${fam}/policy/ledger/ce_seed00050/claim`;
  const claim = { status: 'submitted', claimedFen: 10000 };
  const cadre = (label: string, path: string, rest: Partial<LifecycleBadCase>) => c(label, path, { caller: 'p_cadre02', ...rest });
  return {
    'policy.createContract': [
      c('malformed JSON', `${fam}/policy/contract`, { rawBody: '{"cadreId":', fields: f(['body']) }),
      c('text/plain', `${fam}/policy/contract`, { rawBody: JSON.stringify(contract), headers: { 'content-type': 'text/plain' }, status: 415 }),
      c('unknown field', `${fam}/policy/contract`, { body: { ...contract, totals: {} }, fields: { 'body.totals': UNKNOWN } }),
      c('cadreId not a person id', `${fam}/policy/contract`, { body: { ...contract, cadreId: 'f_0005' }, fields: { 'body.cadreId': '人员编号格式不正确' } }),
      c('income negative', `${fam}/policy/contract`, { body: { ...contract, yearlyIncomeFen: -1 }, fields: { 'body.yearlyIncomeFen': '金额不能为负数' } }),
      c('warning share of 5%', `${fam}/policy/contract`, { body: { ...contract, warningSharePercent: 5 }, fields: { 'body.warningSharePercent': '预警比例不能低于 10%' } }),
      c('ends before it starts', `${fam}/policy/contract`, { body: { ...contract, endDate: '2025-12-31' }, fields: { 'body.endDate': '结束日期应晚于开始日期' } }),
      c('a start date that does not exist', `${fam}/policy/contract`, { body: { ...contract, startDate: '2026-02-30' }, fields: { 'body.startDate': '日期不存在' } }),
    ],
    'policy.updateClaim': [
      cadre('malformed JSON', claimPath, { rawBody: '{"status":', fields: f(['body']) }),
      cadre('text/plain', claimPath, { rawBody: JSON.stringify(claim), headers: { 'content-type': 'text/plain' }, status: 415 }),
      cadre('unknown field', claimPath, { body: { ...claim, entryId: 'ce_x' }, fields: { 'body.entryId': UNKNOWN } }),
      cadre('status back to filed', claimPath, { body: { status: 'filed' }, fields: { 'body.status': '请选择办理进度：已提交、已到账或未予报销' } }),
      cadre('submitted without the amount', claimPath, { body: { status: 'submitted' }, fields: { 'body.claimedFen': '请填写申报金额' } }),
      cadre('paid without the amount', claimPath, { body: { status: 'paid' }, fields: { 'body.paidFen': '请填写到账金额' } }),
      cadre('refused without a reason', claimPath, { body: { status: 'refused' }, fields: { 'body.reason': '请填写未予报销的原因' } }),
      cadre('a negative amount', claimPath, { body: { status: 'paid', paidFen: -5 }, fields: { 'body.paidFen': '金额不能为负数' } }),
      cadre('entryId not one of ours', `${fam}/policy/ledger/x1/claim`, { body: claim, fields: { 'path.entryId': '费用记录编号格式不正确' } }),
    ],
    'policy.getCostBurden': [c('unknown query parameter', `${fam}/policy/cost-burden?all=1`, { caller: 'p_doc03', fields: { 'query.all': UNKNOWN } }), c('familyId not an id', '/families/x/policy/cost-burden', { caller: 'p_doc03', fields: f(['path.familyId']), touch: {} })],
    'policy.getFollowUpDates': [cadre('unknown query parameter', `${fam}/policy/follow-up-dates?all=1`, { fields: { 'query.all': UNKNOWN } }), cadre('familyId not an id', '/families/x/policy/follow-up-dates', { fields: f(['path.familyId']), touch: {} })],
  };
}
