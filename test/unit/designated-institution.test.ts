import { designatedFor } from '../../domain';

/** Which institution's green channel a family is pointed to: its township's, a county hospital first. */
const inst = (institutionId: string, kind: 'hospital' | 'township', servesTownships?: string[]) => ({ institutionId, name: institutionId, kind, greenChannelPhone: '0311-86900000', ...(servesTownships ? { servesTownships } : {}) });

test('the county hospital serving the township comes before its health centre', () => {
  const list = [inst('org_centre', 'township', ['t_a']), inst('org_hosp', 'hospital', ['t_a', 't_b'])];
  expect(designatedFor(list, 't_a')?.institutionId).toBe('org_hosp');
});

test('without a hospital serving it, the township health centre serving it', () => {
  const list = [inst('org_centre', 'township', ['t_a']), inst('org_hosp', 'hospital', ['t_b'])];
  expect(designatedFor(list, 't_a')?.institutionId).toBe('org_centre');
});

test('nothing serving the township (or institutions that name no township): none, not some other county hospital', () => {
  expect(designatedFor([inst('org_hosp', 'hospital', ['t_b']), inst('org_old', 'hospital')], 't_a')).toBeUndefined();
});
