import {
  ageOn,
  beijingDate,
  BindRequest,
  ConsentRequest,
  formatChineseDate,
  maskIdNumber,
  maskPhone,
  missingContactKinds,
  PRIVACY_GUIDE_VERSION,
  toBeijingIso,
} from '../../domain';
import { idCheckChar } from '../../local/seed/id-number';

describe('Beijing time, whatever the server zone', () => {
  test('an instant late in the UTC day is already the next day in Beijing', () => {
    const at = new Date('2026-11-22T17:30:00Z');
    expect(beijingDate(at)).toBe('2026-11-23');
    expect(toBeijingIso(at)).toBe('2026-11-23T01:30:00+08:00');
    expect(formatChineseDate('2026-11-03', '2025-12-31')).toBe('2026年11月3日');
  });

  test('age counts whole years, the birthday itself included', () => {
    expect(ageOn('1951-05-16', '2026-05-15')).toBe(74);
    expect(ageOn('1951-05-16', '2026-05-16')).toBe(75);
  });
});

describe('policy', () => {
  test('the township and village contacts and a doctor are required; volunteers are not', () => {
    expect(missingContactKinds(['township_leader', 'doctor', 'volunteer'])).toEqual(['village_cadre']);
    expect(missingContactKinds(['village_cadre', 'township_leader', 'doctor'])).toEqual([]);
  });

  test('masks keep enough to recognise a number and not enough to use it', () => {
    expect(maskPhone('13831100001')).toBe('138****0001');
    expect(maskIdNumber('13013119510516001X')).toBe('1301**********001X');
  });
});

describe('binding request', () => {
  test('accepts a lowercase x as the last ID character', () => {
    expect(BindRequest.safeParse({ bindTicket: 't', name: '李淑珍', idLast6: '09050x', phone: '13831100005' }).success).toBe(true);
  });

  test('reports each wrong field in Chinese and rejects unknown fields', () => {
    const result = BindRequest.safeParse({ bindTicket: 't', name: 'A', idLast6: '12', phone: '123', extra: 1 });
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    const paths = issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(expect.arrayContaining(['name', 'idLast6', 'phone', 'unrecognized_keys']));
    for (const issue of issues) expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

test('consent must name the current guide and agree to it', () => {
  expect(ConsentRequest.safeParse({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: true, healthData: false }).success).toBe(true);
  expect(ConsentRequest.safeParse({ privacyGuideVersion: '2020-01-01', agreePrivacyGuide: true, healthData: false }).success).toBe(false);
  expect(ConsentRequest.safeParse({ privacyGuideVersion: PRIVACY_GUIDE_VERSION, agreePrivacyGuide: false, healthData: true }).success).toBe(false);
});

test('demo ID numbers carry a valid GB 11643 check character', () => {
  // A published example: 11010519491231002X.
  expect(idCheckChar('11010519491231002')).toBe('X');
});

describe('binding answers', () => {
  test('names ignore whitespace, full-width spaces included', async () => {
    const { sameName } = await import('../../domain');
    expect(sameName('赵德明', ' 赵德明　')).toBe(true);
    expect(sameName('赵德明', '赵德')).toBe(false);
  });

  test('the ID check character may be typed as x or X', async () => {
    const { idLast6Matches } = await import('../../domain');
    expect(idLast6Matches('13013119580127003X', '27003x')).toBe(true);
    expect(idLast6Matches('13013119580127003X', '27003X')).toBe(true);
    expect(idLast6Matches('13013119580127003X', '270031')).toBe(false);
  });
});
