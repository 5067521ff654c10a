import { call, tableFingerprint, tokenFor } from '../support/api';

test('a family member reads their contacts in one DynamoDB request', async () => {
  const token = await tokenFor('p_m0001');
  const res = await call('GET', '/families/f_0001/contacts', { token });
  expect(res.status).toBe(200);
  expect(res.body.contacts.map((c: { kind: string }) => c.kind)).toEqual(['village_cadre', 'township_leader', 'doctor', 'volunteer']);
  expect(res.ddbRequests).toBe(1);
  const fp = await tableFingerprint();
  expect(fp.count).toBeGreaterThan(50);
});
