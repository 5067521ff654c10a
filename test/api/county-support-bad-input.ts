import type { countySupportRoutes } from '../../functions/county-support/routes';
import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the county's support-measure routes, spread into bad-input.test.ts (400/415, a
 * Chinese message per field, no DynamoDB request, so nothing written). Caller: the county officer
 * p_comm01, whose county's confirmed list the cases never reach.
 */
type CountySupportRouteId = (typeof countySupportRoutes)[number]['id'];
type Caller = 'p_comm01';

export const validMeasure = {
  title: '免费接送去县医院',
  detail: '行动不便的老人去县医院看病，乡镇卫生院派车接送。',
  appliesTo: { familyTypes: ['bereaved'], povertyOnly: false, minAge: 60 },
  contact: { name: '柳林乡卫生院', phone: '0311-86901234' },
};
export const validSupport = { version: 1, extras: [validMeasure] };

export function countySupportBadInput(): Record<CountySupportRouteId, BadCase<Caller>[]> {
  const c = 'p_comm01' as const;
  const path = '/commission/county-support';
  const with_ = (label: string, change: Record<string, unknown>, fields: Record<string, string | true>): BadCase<Caller> => ({ label, caller: c, path, body: { version: 1, extras: [{ ...validMeasure, ...change }] }, fields });
  return {
    'countySupport.get': [{ label: 'unknown query parameter', caller: c, path: `${path}?all=1`, fields: { 'query.all': UNKNOWN } }],
    'countySupport.put': [
      { label: 'malformed JSON', caller: c, path, rawBody: '{"version":', fields: f(['body']) },
      { label: 'JSON array', caller: c, path, body: [validSupport], fields: f(['body']) },
      { label: 'text/plain', caller: c, path, rawBody: JSON.stringify(validSupport), headers: { 'content-type': 'text/plain' }, status: 415 },
      { label: 'unknown field', caller: c, path, body: { ...validSupport, countyId: 'c_liuhe' }, fields: { 'body.countyId': UNKNOWN } },
      { label: 'version missing', caller: c, path, body: { extras: [validMeasure] }, fields: { 'body.version': '版本号不正确' } },
      { label: 'version negative', caller: c, path, body: { ...validSupport, version: -1 }, fields: { 'body.version': '版本号不正确' } },
      { label: 'list missing', caller: c, path, body: { version: 1 }, fields: { 'body.extras': '请提供措施清单' } },
      { label: '21 measures', caller: c, path, body: { version: 1, extras: Array.from({ length: 21 }, (_, i) => ({ ...validMeasure, title: `措施${i}号` })) }, fields: { 'body.extras': '措施最多 20 项' } },
      { label: 'the same title twice', caller: c, path, body: { version: 1, extras: [validMeasure, validMeasure] }, fields: { 'body.extras.1.title': '措施名称重复' } },
      { label: 'the same id twice', caller: c, path, body: { version: 1, extras: [{ ...validMeasure, id: 'transfer_120' }, { ...validMeasure, title: '另一项措施', id: 'transfer_120' }] }, fields: { 'body.extras.1.id': '措施编号重复' } },
      with_('title missing', { title: undefined }, { 'body.extras.0.title': '请填写措施名称' }),
      with_('title blank', { title: '   ' }, { 'body.extras.0.title': '请填写措施名称' }),
      with_('title too long', { title: '措'.repeat(31) }, { 'body.extras.0.title': '措施名称不能超过 30 个字' }),
      with_('detail too short', { detail: '接送' }, { 'body.extras.0.detail': '请填写措施内容' }),
      with_('detail too long', { detail: '送'.repeat(201) }, { 'body.extras.0.detail': '措施内容不能超过 200 个字' }),
      with_('id with capitals', { id: 'Transfer' }, { 'body.extras.0.id': '措施编号格式不正确' }),
      with_('an unknown field in a measure', { county: 'x' }, { 'body.extras.0.county': UNKNOWN }),
      with_('an unknown family type', { appliesTo: { familyTypes: ['poor'] } }, { 'body.extras.0.appliesTo.familyTypes.0': '请选择家庭类型' }),
      with_('no family type chosen', { appliesTo: { familyTypes: [] } }, { 'body.extras.0.appliesTo.familyTypes': '请至少选择一种家庭类型' }),
      with_('建档立卡 not a yes/no', { appliesTo: { povertyOnly: 'yes' } }, { 'body.extras.0.appliesTo.povertyOnly': '请选择是否仅限建档立卡家庭' }),
      with_('age not whole', { appliesTo: { minAge: 60.5 } }, { 'body.extras.0.appliesTo.minAge': '年龄须为整数' }),
      with_('age over 120', { appliesTo: { minAge: 121 } }, { 'body.extras.0.appliesTo.minAge': '年龄不能超过 120' }),
      with_('age negative', { appliesTo: { minAge: -1 } }, { 'body.extras.0.appliesTo.minAge': '年龄不能小于 0' }),
      with_('contact name missing', { contact: { phone: '0311-86901234' } }, { 'body.extras.0.contact.name': '请填写联系单位或联系人' }),
      with_('contact phone not a phone', { contact: { name: '柳林乡卫生院', phone: '8690123x' } }, { 'body.extras.0.contact.phone': '电话号码格式不正确' }),
      with_('contact phone missing', { contact: { name: '柳林乡卫生院' } }, f(['body.extras.0.contact.phone'])),
    ],
  };
}
