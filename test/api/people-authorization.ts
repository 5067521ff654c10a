import { idNumberOf } from '../../local/seed/demo-county';

/**
 * What authorization-matrix.test.ts needs to reach the staff-management routes. The officer's
 * allowed calls are refused by the handler past the gate, so the matrix writes nothing: an ID
 * number registered already (409), a person who does not exist (404), a leader handed the place
 * they hold (400) and a township leader named as a social helper (400).
 */
export const fillPeopleIds = (path: string) => path.replace('{personId}', 'p_matrixnobody').replace('{townshipId}', 't_chengguan');

export const peopleMatrixBodies: Record<string, unknown> = {
  'people.createStaff': { post: 'township_leader', name: '张建华', idNumber: idNumberOf('p_lead01', '1975-04-12', 'male'), phone: '13903110101', townshipId: 't_chengguan', organisation: '城关镇人民政府', title: '镇党委副书记', workPhone: '13903110101' },
  'people.updateStaff': { version: 1, name: '无此人', organisation: '无', title: '无', workPhone: '0311-86900000' },
  'people.deactivateStaff': { version: 1 },
  'people.bulkAssign': { assignments: [{ familyId: 'f_0002', kind: 'township_leader', toStaffId: 'p_lead01' }] },
  'people.createActivity': { title: '权限矩阵', date: '2026-10-29', helperIds: ['p_lead01'], familyIds: ['f_0002'] },
};

export const peopleReachedStatus: Record<string, number> = {
  'people.createStaff': 409,
  'people.getStaff': 404,
  'people.updateStaff': 404,
  'people.deactivateStaff': 404,
  'people.bulkAssign': 400,
  'people.createActivity': 400,
};
