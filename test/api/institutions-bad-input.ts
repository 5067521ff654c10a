import type { institutionsRoutes } from '../../functions/institutions/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';
import { townshipsBadInput } from './townships-bad-input';

/**
 * Bad input for the commission's institution routes, spread into bad-input.test.ts (400/415, a
 * Chinese message per field, no DynamoDB request, so nothing written). Caller: the county officer
 * p_comm01; the paths name the seeded county hospital, which the cases never reach.
 */
type InstitutionsRouteId = (typeof institutionsRoutes)[number]['id'];
type Caller = 'p_comm01';

export const validInstitution = {
  name: '清河县中医院',
  kind: 'hospital',
  level: 'grade2',
  address: '清河县城关镇中医路 6 号',
  greenChannelPhone: '0311-86909120',
  greenChannelHours: '每天 8:00-17:30',
  greenChannelPlace: '门诊一楼导诊台',
  meetBy: '导诊护士在导诊台等候',
  departments: [{ name: '针灸科' }],
  servesTownships: ['t_chengguan'],
};

function bodyCases(path: string, valid: Record<string, unknown>): BadCase<Caller>[] {
  const c = 'p_comm01' as const;
  const with_ = (label: string, change: Record<string, unknown>, fields: Record<string, string | true>): BadCase<Caller> => ({ label, caller: c, path, body: { ...valid, ...change }, fields });
  return [
    { label: 'malformed JSON', caller: c, path, rawBody: '{"name":', fields: f(['body']) },
    { label: 'JSON array', caller: c, path, body: [valid], fields: f(['body']) },
    { label: 'text/plain', caller: c, path, rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415 },
    { label: 'unknown field', caller: c, path, body: { ...valid, countyId: 'c_liuhe' }, fields: { 'body.countyId': UNKNOWN } },
    with_('name missing', { name: undefined }, { 'body.name': '请填写机构名称' }),
    with_('name blank', { name: '   ' }, { 'body.name': '请填写机构名称' }),
    with_('name too long', { name: '院'.repeat(41) }, { 'body.name': '机构名称不能超过 40 个字' }),
    with_('kind unknown', { kind: 'clinic' }, { 'body.kind': '请选择机构类别' }),
    with_('level unknown', { level: '三甲' }, { 'body.level': '请选择医院等级' }),
    with_('address too short', { address: '城关' }, { 'body.address': '请填写地址' }),
    with_('phone not a phone', { greenChannelPhone: '86909120x' }, { 'body.greenChannelPhone': '电话号码格式不正确' }),
    with_('hours missing', { greenChannelHours: '' }, { 'body.greenChannelHours': '请填写绿色通道服务时间' }),
    with_('place too long', { greenChannelPlace: '楼'.repeat(51) }, { 'body.greenChannelPlace': '绿色通道地点不能超过 50 个字' }),
    with_('meetBy of the wrong type', { meetBy: 42 }, f(['body.meetBy'])),
    with_('no department', { departments: [] }, { 'body.departments': '请至少添加一个科室' }),
    with_('a department without a name', { departments: [{ name: '' }] }, { 'body.departments.0.name': '请填写科室名称' }),
    with_('a department id with capitals', { departments: [{ departmentId: 'XNK', name: '心内科' }] }, { 'body.departments.0.departmentId': '科室编号格式不正确' }),
    with_('the same department twice', { departments: [{ name: '针灸科' }, { name: '针灸科' }] }, { 'body.departments.1.name': '科室名称重复' }),
    with_('31 departments', { departments: Array.from({ length: 31 }, (_, i) => ({ name: `科室${i}号` })) }, { 'body.departments': '科室最多 30 个' }),
    with_('a township id that is not one', { servesTownships: ['chengguan'] }, { 'body.servesTownships.0': '乡镇编号格式不正确' }),
    with_('the same township twice', { servesTownships: ['t_chengguan', 't_chengguan'] }, { 'body.servesTownships.1': '同一个乡镇只能选择一次' }),
    with_('townships missing', { servesTownships: undefined }, f(['body.servesTownships'])),
  ];
}

const badPathIds = (suffix: string, body: unknown): BadCase<Caller>[] =>
  [
    ['institutionId without the prefix', 'xyy'],
    ['institutionId with punctuation', 'org_x;y'],
  ].map(([label, id]) => ({ label, caller: 'p_comm01', path: `/commission/institutions/${id}${suffix}`, body, fields: f(['path.institutionId']) }));

export function institutionsBadInput(): Record<InstitutionsRouteId, BadCase<Caller>[]> {
  const c = 'p_comm01' as const;
  const edit = { ...validInstitution, version: 1 };
  return {
    'institutions.list': [{ label: 'unknown query parameter', caller: c, path: '/commission/institutions?retired=1', fields: { 'query.retired': UNKNOWN } }],
    'institutions.create': bodyCases('/commission/institutions', validInstitution),
    'institutions.update': [
      ...bodyCases('/commission/institutions/org_xyy', edit),
      { label: 'version missing', caller: c, path: '/commission/institutions/org_xyy', body: validInstitution, fields: { 'body.version': '版本号不正确' } },
      { label: 'version zero', caller: c, path: '/commission/institutions/org_xyy', body: { ...edit, version: 0 }, fields: { 'body.version': '版本号不正确' } },
      ...badPathIds('', edit),
    ],
    'institutions.retire': [
      { label: 'malformed JSON', caller: c, path: '/commission/institutions/org_xyy/retire', rawBody: '{"version":', fields: f(['body']) },
      { label: 'text/plain', caller: c, path: '/commission/institutions/org_xyy/retire', rawBody: '{"version":1}', headers: { 'content-type': 'text/plain' }, status: 415 },
      { label: 'unknown field', caller: c, path: '/commission/institutions/org_xyy/retire', body: { version: 1, force: true }, fields: { 'body.force': UNKNOWN } },
      { label: 'version missing', caller: c, path: '/commission/institutions/org_xyy/retire', body: {}, fields: { 'body.version': '版本号不正确' } },
      { label: 'version not a number', caller: c, path: '/commission/institutions/org_xyy/retire', body: { version: '1' }, fields: { 'body.version': '版本号不正确' } },
      ...badPathIds('/retire', { version: 1 }),
    ],
    ...townshipsBadInput(),
  };
}
