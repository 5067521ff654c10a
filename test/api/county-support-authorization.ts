import { validSupport } from './county-support-bad-input';

/**
 * What authorization-matrix.test.ts needs for the county's support-measure routes: the save names
 * a version nobody read, so a caller past the role check is refused (409) and the demo county's
 * confirmed list stays as it is.
 */
export const countySupportMatrixBodies: Record<string, unknown> = {
  'countySupport.put': { ...validSupport, version: 999 },
};

export const countySupportReachedStatus: Record<string, number> = {
  'countySupport.put': 409,
};
