import { addDays, beijingDate, BOOKING_RULES, DoctorScheduleRequest, InstitutionRequest, OverrideRequest, RosterDoctorRequest, toBeijingIso, weekdayOf, type Period, type WeeklySlot } from '../../domain';
import { addInstitution } from '../../functions/institutions/add-institution';
import { getInstitution } from '../../functions/lib/db/institutions';
import { addRosterDoctor } from '../../functions/hospital/add-doctor';
import { putDoctorWeek } from '../../functions/hospital/put-doctor-schedule';
import { setOverride } from '../../functions/hospital/put-override';
import { knownSchedule, type KnownSchedule } from '../../functions/hospital/schedule-access';
import { generateSessions } from '../../functions/booking/generate-sessions';
import { county, idNumberOf } from './demo-county';
import { createSeedStaff } from './seed';

/**
 * The demo county's designated institutions (the county hospital and the two township health
 * centres, added through the commission's code path by `seedInstitutions`), their departments,
 * their doctors (through the roster's write), weekly schedules (the schedule page's), a holiday
 * and a doctor away with a substitute (the override's), and the sessions of the next 14 days
 * generated from them (by the daily job itself). Also a second
 * green-channel officer, at 城关镇卫生院, so "a hospital sees only its own bookings" can be shown.
 */
export const HOSPITAL_ID = 'org_xyy';
export const TOWNSHIP_CENTRE_ID = 'org_cgwsy';
export const SECOND_HOSPITAL_STAFF = 'p_hosp02';

interface DemoInstitution {
  /** What the commission would type into the institution form, with the demo's fixed ids. */
  item: InstitutionRequest & { institutionId: string };
  /** departmentId → weekly sessions [weekdays, period, start, end, doctor, priority quota] */
  schedule: Array<[string, number[], Period, string, string, string, number]>;
  /** Doctors without a weekly session (e.g. the one who stands in). */
  extraDoctors?: Array<[departmentId: string, name: string]>;
}

/** All places of a demo session (the priority quota is part of it). */
const DEMO_CAPACITY = 30;

const weekdays = [1, 2, 3, 4, 5];

export const demoInstitutions: DemoInstitution[] = [
  {
    item: {
      institutionId: HOSPITAL_ID,
      name: '清河县人民医院',
      kind: 'hospital',
      level: 'grade2',
      address: '清河县城关镇人民路 88 号',
      greenChannelHours: '每天 8:00-17:30，急诊 24 小时',
      servesTownships: ['t_chengguan', 't_liulin'],
      greenChannelPlace: '门诊一楼绿色通道窗口（导诊台旁）',
      greenChannelPhone: '0311-86907120',
      departments: [
        { departmentId: 'xnk', name: '心内科' },
        { departmentId: 'nfm', name: '内分泌科' },
        { departmentId: 'qk', name: '全科' },
      ],
      meetBy: '绿色通道专员吴静在导诊台等候',
    },
    extraDoctors: [['nfm', '周涛 主治医师']],
    schedule: [
      ['xnk', weekdays, 'am', '08:00', '11:30', '刘建军 主任医师', 5],
      ['xnk', weekdays, 'pm', '14:00', '17:00', '何丽 副主任医师', 3],
      ['nfm', weekdays, 'am', '08:00', '11:30', '孙海燕 主任医师', 4],
      ['qk', [1, 2, 3, 4, 5, 6], 'am', '08:00', '11:30', '赵明 主治医师', 5],
    ],
  },
  {
    item: {
      institutionId: TOWNSHIP_CENTRE_ID,
      name: '城关镇卫生院',
      kind: 'township',
      level: 'grade1',
      address: '城关镇卫生路 12 号',
      greenChannelHours: '周一至周六 8:00-17:00',
      servesTownships: ['t_chengguan'],
      greenChannelPlace: '一楼挂号窗口旁优先服务台',
      greenChannelPhone: '0311-86905120',
      departments: [
        { departmentId: 'qk', name: '全科' },
        { departmentId: 'zyk', name: '中医科' },
      ],
      meetBy: '护士周敏在优先服务台等候',
    },
    schedule: [
      ['qk', weekdays, 'am', '08:00', '11:30', '陈立新 全科医生', 3],
      ['zyk', [2, 4], 'am', '08:30', '11:30', '王德明 中医师', 2],
    ],
  },
  {
    item: {
      institutionId: 'org_llwsy',
      name: '柳林乡卫生院',
      kind: 'township',
      level: 'grade1',
      address: '柳林乡柳林村东 1 号',
      greenChannelHours: '周一至周五 8:00-17:00',
      servesTownships: ['t_liulin'],
      greenChannelPlace: '门诊大厅优先服务台',
      greenChannelPhone: '0311-86908120',
      departments: [{ departmentId: 'qk', name: '全科' }],
      meetBy: '值班护士在优先服务台等候',
    },
    schedule: [['qk', weekdays, 'am', '08:00', '11:30', '李春生 全科医生', 3]],
  },
];

/**
 * The demo's institutions, added the way the commission's form adds them (the same validation and
 * the same transaction). Runs after the townships' figures are in (an institution may serve only
 * the county's townships); one already there (a seed retried after a failure) is left as it is.
 */
export async function seedInstitutions(now: Date): Promise<void> {
  for (const { item } of demoInstitutions) {
    if (await getInstitution(item.institutionId)) continue;
    const { institutionId, ...fields } = item;
    await addInstitution(county.countyId, InstitutionRequest.parse(fields), now, { institutionId });
  }
}

/** One roster entry of the demo, with the fixed id tests name (`dr_xyy1`...: by order of first mention). */
export interface DemoDoctor {
  doctorId: string;
  /** Name and title, as a session prints them ("刘建军 主任医师"). */
  name: string;
  departmentId: string;
}

/** The institution's doctors, one per name in its schedule (plus any extra), ids by order. */
export function demoDoctors(inst: DemoInstitution): DemoDoctor[] {
  const named = [...inst.schedule.map(([departmentId, , , , , name]) => [departmentId, name] as const), ...(inst.extraDoctors ?? [])];
  const unique = named.filter(([, name], i) => named.findIndex(([, n]) => n === name) === i);
  return unique.map(([departmentId, name], i) => ({ doctorId: `dr_${inst.item.institutionId.slice(4)}${i + 1}`, name, departmentId }));
}

/** The weekly slots of one doctor, as the schedule page sends them. */
export function doctorSlots(inst: DemoInstitution, doctor: DemoDoctor): WeeklySlot[] {
  return inst.schedule
    .filter(([, , , , , doctorName]) => doctorName === doctor.name)
    .flatMap(([, days, period, startTime, endTime, , priorityQuota]) =>
      days.map((weekday) => ({ weekday, period, startTime, endTime, capacity: DEMO_CAPACITY, priorityQuota, releaseHoursBefore: BOOKING_RULES.releaseHoursBefore })),
    );
}

/** The first weekday at least `from` days after `today`. */
function nextWeekday(today: string, from: number): string {
  let d = addDays(today, from);
  while (weekdayOf(d) > 5) d = addDays(d, 1);
  return d;
}

const doctorIdOf = (name: string) => demoDoctors(demoInstitutions[0]).find((d) => d.name === name)?.doctorId;

/** The county hospital's holiday and a doctor away with a substitute, as its staff would send them. */
export function demoOverrides(today: string): OverrideRequest[] {
  return [
    { date: nextWeekday(today, 9), reason: '院内停诊（演示节假日）' },
    { date: nextWeekday(today, 3), doctorId: doctorIdOf('孙海燕 主任医师'), substituteDoctorId: doctorIdOf('周涛 主治医师'), reason: '孙海燕主任外出学习' },
  ];
}

async function scheduleOf(institutionId: string): Promise<KnownSchedule> {
  const schedule = await knownSchedule(institutionId);
  if (!schedule) throw new Error(`demo institution ${institutionId} missing: seedInstitutions runs first`);
  return schedule;
}

/**
 * The institutions' doctors through the roster's write (hospital.addDoctor, with the demo's fixed
 * ids), each doctor's week through the schedule page's write (hospital.putDoctorSchedule), the
 * holiday and the doctor away through the override's (hospital.putOverride), and the booking
 * window's sessions by the daily job. Runs after the institutions are added; a doctor already on
 * the roster (a seed retried after a failure) is left as it is.
 */
export async function seedSchedules(now: Date): Promise<void> {
  for (const inst of demoInstitutions) {
    const institutionId = inst.item.institutionId;
    for (const doctor of demoDoctors(inst)) {
      const schedule = await scheduleOf(institutionId);
      if (schedule.doctors.some((d) => d.doctorId === doctor.doctorId)) continue;
      const [name, title] = doctor.name.split(' ');
      await addRosterDoctor(schedule, RosterDoctorRequest.parse({ name, title, departmentId: doctor.departmentId }), { doctorId: doctor.doctorId });
    }
    for (const doctor of demoDoctors(inst)) {
      const slots = doctorSlots(inst, doctor);
      if (slots.length) await putDoctorWeek(await scheduleOf(institutionId), DoctorScheduleRequest.parse({ doctorId: doctor.doctorId, slots }), now);
    }
  }
  for (const o of demoOverrides(beijingDate(now))) await setOverride(await scheduleOf(HOSPITAL_ID), OverrideRequest.parse(o), now);
  await generateSessions(now);
}

export async function seedSecondHospitalStaff(now: Date): Promise<void> {
  // 城关镇卫生院's own green-channel nurse, created and bound as any staff member is.
  await createSeedStaff(
    { personId: SECOND_HOSPITAL_STAFF, post: 'hospital_staff', name: '钱芳', idNumber: idNumberOf(SECOND_HOSPITAL_STAFF, '1986-04-02', 'female'), phone: '13303110502', countyId: county.countyId, orgId: TOWNSHIP_CENTRE_ID, organisation: '城关镇卫生院', title: '优先服务台护士', workPhone: '0311-86905122' },
    toBeijingIso(now),
  );
}
