import { bookingDefaults, type Institution } from '../../domain';

const inst = (institutionId: string, kind: Institution['kind'], departments: string[]): Institution => ({
  institutionId,
  name: institutionId,
  kind,
  address: '',
  greenChannelPlace: '',
  greenChannelPhone: '',
  departments: departments.map((d) => ({ departmentId: d, name: d })),
});
const county = [inst('org_xyy', 'hospital', ['xnk', 'nfm', 'qk']), inst('org_cgwsy', 'township', ['qk', 'zyk'])];
const booking = (memberId: string, institutionId: string, departmentId: string, bookedAt: string) => ({
  memberId,
  institutionId,
  sessionId: `2030-03-05.${departmentId}.am`,
  bookedAt,
});

describe('what the booking form chooses before the member taps', () => {
  test("the county's one hospital, and the department this member booked last there", () => {
    const bookings = [
      booking('p_a', 'org_xyy', 'xnk', '2030-01-01T09:00:00+08:00'),
      booking('p_a', 'org_xyy', 'nfm', '2030-02-01T09:00:00+08:00'),
      booking('p_b', 'org_xyy', 'qk', '2030-02-10T09:00:00+08:00'),
    ];
    expect(bookingDefaults(county, bookings, 'p_a')).toEqual({ institutionId: 'org_xyy', departmentId: 'nfm' });
    // Nobody else's department while the member has one; the family's when the member has none.
    expect(bookingDefaults(county, bookings, 'p_c')).toEqual({ institutionId: 'org_xyy', departmentId: 'qk' });
  });

  test('no bookings yet: the hospital, no department (it has several)', () => {
    expect(bookingDefaults(county, [], 'p_a')).toEqual({ institutionId: 'org_xyy', departmentId: null });
    expect(bookingDefaults([inst('org_xyy', 'hospital', ['qk'])], [], 'p_a')).toEqual({ institutionId: 'org_xyy', departmentId: 'qk' });
  });

  test('a booking at a township centre does not move the family away from its hospital', () => {
    expect(bookingDefaults(county, [booking('p_a', 'org_cgwsy', 'zyk', '2030-02-01T09:00:00+08:00')], 'p_a')).toEqual({ institutionId: 'org_xyy', departmentId: null });
  });

  test('two hospitals in the county: the one the member booked last; none without a booking', () => {
    const two = [...county, inst('org_zyy', 'hospital', ['zyk'])];
    expect(bookingDefaults(two, [booking('p_a', 'org_zyy', 'zyk', '2030-02-01T09:00:00+08:00')], 'p_a')).toEqual({ institutionId: 'org_zyy', departmentId: 'zyk' });
    expect(bookingDefaults(two, [], 'p_a')).toEqual({ institutionId: null, departmentId: null });
  });
});
