import { validInstitution } from './institutions-bad-input';

/**
 * What authorization-matrix.test.ts needs for the commission's institution routes: a valid body
 * per body route, each refused by the handler once the caller is past the role check (a township
 * outside the county; a version nobody read), so the seeded institutions others book at stay as
 * they are. The {institutionId} placeholder is the county hospital (booking-authorization.ts).
 */
export const institutionsMatrixBodies: Record<string, unknown> = {
  'institutions.create': { ...validInstitution, servesTownships: ['t_nowhere01'] },
  'institutions.update': { ...validInstitution, version: 999 },
  'institutions.retire': { version: 999 },
  // 城关镇 is the county's already, and {townshipId} is 城关镇 (people-authorization.ts): another
  // township's name is refused, so the demo county's townships keep their names.
  'institutions.addTownship': { code: '130534999', name: '城关镇' },
  'institutions.renameTownship': { name: '柳林乡' },
};

export const institutionsReachedStatus: Record<string, number> = {
  'institutions.create': 400,
  'institutions.update': 409,
  'institutions.retire': 409,
  'institutions.addTownship': 409,
  'institutions.renameTownship': 409,
};
