import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../domain';
import { issueSessionToken } from '../../functions/lib/auth/tokens';
import { batchPutAll } from '../../functions/lib/db/batch';
import { db, tableName } from '../../functions/lib/db/client';
import { cardNumberItem, nameIdItem } from '../../functions/lib/db/green-channel';
import type { FamilyProfileItem, PersonItem } from '../../functions/lib/db/items';
import { keys } from '../../functions/lib/db/keys';
import { personItem } from '../../local/seed/seed';
import { demoIdNumber } from '../../local/seed/id-number';

/**
 * A county of the walk-in tests' own (c_wk<tag>), written straight into the table: families whose
 * members have real (encrypted) ID numbers and lookup items, hospital staff at the seeded
 * 清河县人民医院 (org_xyy, read only) and a county commission officer. Everything the suite
 * writes lands in partitions named by these ids (support-table.ts, ownedBy.walkIn).
 */
export function walkInWorld(tag: string) {
  const countyId = `c_wk${tag}county`;
  return {
    countyId,
    townships: [`t_wk${tag}a`, `t_wk${tag}b`] as const,
    family: (n: number) => `f_wk${tag}${n}`,
    member: (n: number) => `p_wk${tag}m${n}`,
    cardNo: (n: number) => `WK${tag.toUpperCase()}${String(n).padStart(4, '0')}`,
    staff: `p_wk${tag}hosp`,
    staff2: `p_wk${tag}hosp2`,
    commission: `p_wk${tag}comm`,
    institutionId: 'org_xyy',
  };
}
export type WalkInWorld = ReturnType<typeof walkInWorld>;

export const memberName = (n: number) => ['', '赵桂芬', '钱德明', '孙玉兰'][n]!;
export const idNumberOfMember = (n: number) => demoIdNumber('130534', '1950-03-0' + n, 60 + n, n % 2 ? 'female' : 'male');

/** Writes `families` families (odd in township a, even in b), one member each, cards active. */
export async function writeWalkInWorld(w: WalkInWorld, families = 3): Promise<Record<string, string>> {
  const items: Record<string, unknown>[] = [];
  for (let n = 1; n <= families; n++) {
    const townshipId = w.townships[(n + 1) % 2]!;
    const familyId = w.family(n);
    const memberId = w.member(n);
    const profile: FamilyProfileItem = {
      ...keys.familyProfile(familyId),
      entity: 'family',
      familyId,
      familyName: `${memberName(n)}家`,
      familyType: 'bereaved',
      lowIncome: false,
      registeredPoor: false,
      illnessPoverty: false,
      countyId: w.countyId,
      townshipId,
      townshipName: townshipId.endsWith('a') ? '甲镇' : '乙乡',
      villageId: `v_wk${n}`,
      villageName: '测试村',
      members: [{ personId: memberId, name: memberName(n), relation: '户主', gender: n % 2 ? 'female' : 'male', birthDate: `1950-03-0${n}`, phoneMasked: '139****0000', conditions: [] }],
      card: { cardNo: w.cardNo(n), issuedOn: '2025-01-01', issuer: '测试卫健局', version: 1, status: 'active' },
      helpline: { name: '测试卫健局', phone: '0311-00000000' },
      gsi1pk: `WKTEST#${townshipId}`,
      gsi1sk: familyId,
      gsi2pk: `WKTEST#${w.countyId}`,
      gsi2sk: familyId,
    };
    const person: PersonItem = await personItem({ personId: memberId, name: memberName(n), role: 'member', gender: n % 2 ? 'female' : 'male', birthDate: `1950-03-0${n}`, familyId, relation: '户主' }, `1390000${tagDigits(w)}${n}`);
    // personItem derives the demo ID number from the person id; the lookup needs a known one.
    items.push(profile as unknown as Record<string, unknown>, person as unknown as Record<string, unknown>);
    items.push(cardNumberItem(w.cardNo(n), familyId) as unknown as Record<string, unknown>);
    items.push((await nameIdItem(memberName(n), idNumberOfMember(n), memberId, familyId)) as unknown as Record<string, unknown>);
  }
  for (const [personId, name] of [[w.staff, '窗口测试员'], [w.staff2, '窗口测试二']] as const) {
    items.push((await personItem({ personId, name, role: 'hospital', gender: 'female', birthDate: '1985-01-01', orgId: w.institutionId, organisation: '清河县人民医院', title: '绿色通道专员' }, `1380000${tagDigits(w)}9`)) as unknown as Record<string, unknown>);
  }
  items.push((await personItem({ personId: w.commission, name: '测试县卫健局', role: 'commission', gender: 'female', birthDate: '1980-01-01', commissionLevel: 'county', regionId: w.countyId, orgId: 'org_wjw', organisation: '测试县卫健局' }, `1370000${tagDigits(w)}9`)) as unknown as Record<string, unknown>);
  await batchPutAll(items);
  const token = async (p: Principal) => (await issueSessionToken(p, new Date())).token;
  return {
    staff: await token({ personId: w.staff, role: 'hospital', orgId: w.institutionId }),
    staff2: await token({ personId: w.staff2, role: 'hospital', orgId: w.institutionId }),
    commission: await token({ personId: w.commission, role: 'commission', level: 'county', regionId: w.countyId, orgId: 'org_wjw' }),
  };
}

const tagDigits = (w: WalkInWorld) => String(w.countyId.length % 10).repeat(3);

/** A booking of a world family for `date` at org_xyy, as booking would have written it. */
export async function putBooking(w: WalkInWorld, n: number, bookingId: string, date: string, needsWheelchair = false): Promise<void> {
  const startsAt = `${date}T08:00:00+08:00`;
  await batchPutAll([
    {
      ...keys.booking(bookingId),
      entity: 'booking',
      bookingId,
      status: 'booked',
      familyId: w.family(n),
      memberId: w.member(n),
      memberName: memberName(n),
      bookedBy: w.member(n),
      source: 'member',
      institutionId: w.institutionId,
      institutionName: '清河县人民医院',
      departmentId: 'qk',
      departmentName: '全科',
      sessionId: `${date}.qk.am`,
      date,
      period: 'am',
      startsAt,
      startsAtMs: new Date(startsAt).getTime(),
      doctorName: '测试医生',
      place: '门诊一楼',
      meetBy: '导诊台',
      needsEscort: false,
      needsWheelchair,
      bookedAt: startsAt,
      gsi1pk: keys.familyBookingsPk(w.family(n)),
      gsi1sk: keys.familyBookingSk(startsAt, bookingId),
      gsi2pk: keys.hospitalDayPk(w.institutionId, date),
      gsi2sk: keys.hospitalDaySk('qk', 'am', bookingId),
    },
    { ...keys.bookingCounter(w.member(n)), entity: 'bookingCounter', active: 1 },
  ]);
}

/** A bed request of a world family to org_xyy, waiting for the hospital's answer. */
export async function putAdmissionRequest(w: WalkInWorld, n: number, admissionId: string, at: string): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.admission(admissionId),
        entity: 'admission',
        admissionId,
        status: 'requested',
        familyId: w.family(n),
        memberId: w.member(n),
        memberName: memberName(n),
        institutionId: w.institutionId,
        institutionName: '清河县人民医院',
        reason: '需要住院观察',
        requestedAt: at,
        requestedBy: w.member(n),
        gsi1pk: keys.hospitalAdmissionsPk(w.institutionId),
        gsi1sk: `${at}#${admissionId}`,
        gsi2pk: keys.familyAdmissionsPk(w.family(n)),
        gsi2sk: `${at}#${admissionId}`,
      },
    }),
  );
}
