import { RosterDoctorRequest, SchedulePath, type DoctorView } from '../../domain';
import { newDoctorItem } from '../lib/db/booking/schedules';
import { tableName } from '../lib/db/client';
import { part, transact } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { ownInstitutionSchedule } from './schedule-access';

/**
 * The institution's own green-channel staff put a doctor on its outpatient roster, in one of its
 * departments, so the doctor's weekly slots can be set (hospital.putDoctorSchedule names a doctor
 * of the roster). Without it only the demo seed could make a doctor bookable. The same name and
 * title twice in one department is refused: families could not tell the two sessions apart.
 */
export const handler = routeHandler('hospital.addDoctor', { path: SchedulePath, body: RosterDoctorRequest }, async ({ path, body, principal, idempotency }) => {
  const { institution, doctors } = await ownInstitutionSchedule(principal, path.institutionId);
  const department = institution.departments.find((d) => d.departmentId === body.departmentId);
  if (!department) throw badRequest('本院没有这个科室，请刷新后重新选择', { 'body.departmentId': '本院没有这个科室' });
  const name = `${body.name} ${body.title}`;
  if (doctors.some((d) => d.name === name && d.departmentId === department.departmentId)) throw conflict(`${department.name}已有${name}，不能重复添加`);
  const doctor = newDoctorItem(institution.institutionId, name, department.departmentId);
  const view: DoctorView = { doctorId: doctor.doctorId, name, departmentId: department.departmentId, departmentName: department.name, slots: [] };
  await transact([part('doctor', { Put: { TableName: tableName(), Item: doctor, ConditionExpression: 'attribute_not_exists(pk)' } }), ...idempotency.marker(view, 201)]);
  return { status: 201, body: view };
});
