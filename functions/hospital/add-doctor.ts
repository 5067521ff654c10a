import { RosterDoctorRequest, SchedulePath, type DoctorView } from '../../domain';
import { newDoctorItem } from '../lib/db/booking/schedules';
import { tableName } from '../lib/db/client';
import { part, transact, type Part } from '../lib/db/transact';
import { badRequest, conflict } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { ownInstitutionSchedule, type KnownSchedule } from './schedule-access';

/**
 * Puts a doctor on the institution's roster: the route and the demo seed both come through here.
 * The same name and title twice in one department is refused: families could not tell the two
 * sessions apart. `doctorId` is given only by the seed (the demo's fixed ids tests name);
 * `alongside` adds parts to the same transaction (the Idempotency-Key's marker).
 */
export async function addRosterDoctor(
  { institution, doctors }: KnownSchedule,
  body: RosterDoctorRequest,
  options: { doctorId?: string; alongside?: (view: DoctorView) => Part[] } = {},
): Promise<DoctorView> {
  const department = institution.departments.find((d) => d.departmentId === body.departmentId);
  if (!department) throw badRequest('本院没有这个科室，请刷新后重新选择', { 'body.departmentId': '本院没有这个科室' });
  const name = `${body.name} ${body.title}`;
  if (doctors.some((d) => d.name === name && d.departmentId === department.departmentId)) throw conflict(`${department.name}已有${name}，不能重复添加`);
  const doctor = newDoctorItem(institution.institutionId, name, department.departmentId, options.doctorId);
  const view: DoctorView = { doctorId: doctor.doctorId, name, departmentId: department.departmentId, departmentName: department.name, slots: [] };
  await transact([part('doctor', { Put: { TableName: tableName(), Item: doctor, ConditionExpression: 'attribute_not_exists(pk)' } }), ...(options.alongside?.(view) ?? [])], {
    refusals: { doctor: () => conflict('这位医生已经在本院名单上') },
  });
  return view;
}

/**
 * The institution's own green-channel staff put a doctor on its outpatient roster, in one of its
 * departments, so the doctor's weekly slots can be set (hospital.putDoctorSchedule names a doctor
 * of the roster).
 */
export const handler = routeHandler('hospital.addDoctor', { path: SchedulePath, body: RosterDoctorRequest }, async ({ path, body, principal, idempotency }) => {
  const schedule = await ownInstitutionSchedule(principal, path.institutionId);
  const view = await addRosterDoctor(schedule, body, { alongside: (v) => idempotency.marker(v, 201) });
  return { status: 201, body: view };
});
