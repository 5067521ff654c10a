import { f, UNKNOWN, type BadCase } from './bad-case';

/**
 * Bad input for the commission's township routes (spread into institutions-bad-input.ts): 400/415,
 * a Chinese message per field, no DynamoDB request. Caller: the demo county officer p_comm01; the
 * cases never reach the handler, so the demo county's townships stay as they are.
 */
type Caller = 'p_comm01';
const c = 'p_comm01' as const;
const add = '/commission/townships';
const rename = '/commission/townships/t_chengguan';

const nameCases = (path: string, valid: Record<string, unknown>): BadCase<Caller>[] => {
  const with_ = (label: string, change: Record<string, unknown>, fields: Record<string, string | true>): BadCase<Caller> => ({ label, caller: c, path, body: { ...valid, ...change }, fields });
  return [
    { label: 'malformed JSON', caller: c, path, rawBody: '{"name":', fields: f(['body']) },
    { label: 'JSON array', caller: c, path, body: [valid], fields: f(['body']) },
    { label: 'text/plain', caller: c, path, rawBody: JSON.stringify(valid), headers: { 'content-type': 'text/plain' }, status: 415 },
    { label: 'unknown field', caller: c, path, body: { ...valid, countyId: 'c_liuhe' }, fields: { 'body.countyId': UNKNOWN } },
    with_('name missing', { name: undefined }, { 'body.name': '请填写乡镇名称' }),
    with_('name blank', { name: '  ' }, { 'body.name': '请填写乡镇名称，例如：城关镇' }),
    with_('name too long', { name: '镇'.repeat(21) }, { 'body.name': '乡镇名称不能超过 20 个字' }),
    with_('name with latin letters', { name: 'Chengguan镇' }, { 'body.name': '乡镇名称只用汉字，例如：城关镇' }),
  ];
};

export function townshipsBadInput(): Record<'institutions.listTownships' | 'institutions.addTownship' | 'institutions.renameTownship', BadCase<Caller>[]> {
  const valid = { code: '130534201', name: '新兴镇' };
  return {
    'institutions.listTownships': [{ label: 'unknown query parameter', caller: c, path: `${add}?all=1`, fields: { 'query.all': UNKNOWN } }],
    'institutions.addTownship': [
      ...nameCases(add, valid),
      { label: 'code missing', caller: c, path: add, body: { name: '新兴镇' }, fields: { 'body.code': '请填写乡镇区划代码' } },
      { label: 'code of 6 digits', caller: c, path: add, body: { ...valid, code: '130534' }, fields: { 'body.code': '乡镇区划代码是 9 位数字，例如 130534100' } },
      { label: 'code with letters', caller: c, path: add, body: { ...valid, code: 't_chengguan' }, fields: { 'body.code': '乡镇区划代码是 9 位数字，例如 130534100' } },
      { label: 'code a number', caller: c, path: add, body: { ...valid, code: 130534201 }, fields: f(['body.code']) },
    ],
    'institutions.renameTownship': [
      ...nameCases(rename, { name: '城关镇' }),
      { label: 'townshipId without the prefix', caller: c, path: '/commission/townships/chengguan', body: { name: '城关镇' }, fields: f(['path.townshipId']) },
    ],
  };
}
