import { randomUUID } from 'node:crypto';
import {
  beijingDate,
  LOOKUP_WINDOW_SECONDS,
  LOOKUPS_PER_WINDOW,
  PATIENT_NOT_FOUND,
  PatientLookupRequest,
  toBeijingIso,
  type LookupMethod,
  type PatientLookupResponse,
} from '../../domain';
import { patientView } from '../booking/views';
import { issuePresentedTicket } from '../lib/auth/presented-ticket';
import { auditItem } from '../lib/db/audit';
import { batchGetAll, batchPutAll } from '../lib/db/batch';
import { listHospitalDay } from '../lib/db/booking/bookings';
import { db, tableName } from '../lib/db/client';
import { findByNameId, type CardNumberItem } from '../lib/db/green-channel';
import type { FamilyProfileItem, PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { takeAttempt } from '../lib/db/rate-limit';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, notFound, tooManyRequests } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { assertCardCurrent, callerInstitution, verifyCardToken } from './green-channel';

/** Where the lookup leads before the family's record is read: a family, and the person a name named. */
type Lead = { familyId: string; personId?: string; claims?: Awaited<ReturnType<typeof verifyCardToken>> } | undefined;

async function leadOf(body: PatientLookupRequest, now: Date): Promise<Lead> {
  if (body.by === 'code') {
    const claims = await verifyCardToken(body.token, now);
    return { familyId: claims.familyId, claims };
  }
  if (body.by === 'cardNo') {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.cardNumber(body.cardNo) }));
    const item = out.Item as CardNumberItem | undefined;
    return item ? { familyId: item.familyId } : undefined;
  }
  const found = await findByNameId(body.name, body.idLast6);
  const families = new Set(found.map((f) => f.familyId));
  // Two registered people with the same name and the same last 6 characters: the digits do not
  // single one out, and the card number does.
  if (families.size > 1) throw conflict('有多位登记人员的姓名和身份证号后 6 位相同，请改用服务卡号查找');
  return found[0] ? { familyId: found[0].familyId, personId: found[0].personId } : undefined;
}

/**
 * Hospital staff find a family at the window: by the card's QR code (scanned or pasted), by the
 * physical card's number, or by a member's name and the last 6 characters of the ID number. Every
 * try counts against the staff member's window (taken first, so parallel tries cannot get round
 * it) and is logged for the institution; a found family also gets the read in its own access log.
 * A wrong number or name gets one answer (未找到), the same whether nobody is registered or the
 * card is no longer current. The answer carries a ticket proving the family presented itself
 * here, which the walk-in and emergency-admission records require.
 */
export const handler = routeHandler('hospital.findPatient', { body: PatientLookupRequest }, async ({ body, principal, now }) => {
  const institutionId = callerInstitution(principal);
  const window = { key: keys.lookupRateLimit(principal.personId), limit: LOOKUPS_PER_WINDOW, windowSeconds: LOOKUP_WINDOW_SECONDS };
  const attempt = await takeAttempt(window, now);
  if (!attempt.allowed) throw tooManyRequests(`查找次数过多，请 ${Math.ceil(attempt.retryAfterSeconds / 60)} 分钟后再试`);

  const at = toBeijingIso(now);
  const logItem = (outcome: 'found' | 'not_found' | 'invalid', familyId?: string) => ({
    ...keys.lookupLog(institutionId, at, randomUUID()),
    entity: 'lookup',
    staffId: principal.personId,
    method: body.by satisfies LookupMethod,
    outcome,
    ...(familyId ? { familyId } : {}),
    at,
  });

  let lead: Lead;
  try {
    lead = await leadOf(body, now);
  } catch (err) {
    await batchPutAll([logItem('invalid')]);
    throw err;
  }
  const [records, today] = await Promise.all([
    batchGetAll<FamilyProfileItem | PersonItem>([keys.person(principal.personId), ...(lead ? [keys.familyProfile(lead.familyId)] : [])]),
    lead ? listHospitalDay(institutionId, beijingDate(now)) : Promise.resolve([]),
  ]);
  const profile = records.find((r): r is FamilyProfileItem => r.entity === 'family');
  const viewer = records.find((r): r is PersonItem => r.entity === 'person');
  if (!viewer) throw notFound('没有找到您的工作人员信息，请联系管理员');

  if (lead?.claims) {
    // A code names its family for sure: say plainly why it does not serve (revoked, reissued).
    try {
      assertCardCurrent(lead.claims, profile);
    } catch (err) {
      await batchPutAll([logItem('invalid', lead.familyId)]);
      throw err;
    }
  }
  const current =
    profile &&
    profile.card.status === 'active' &&
    (body.by !== 'cardNo' || profile.card.cardNo.toUpperCase() === body.cardNo) &&
    (!lead?.personId || profile.members.some((m) => m.personId === lead.personId));
  if (!profile || !current) {
    await batchPutAll([logItem('not_found')]);
    throw notFound(PATIENT_NOT_FOUND);
  }

  const subject = profile.members.find((m) => m.personId === lead?.personId) ?? profile.members[0]!;
  await batchPutAll([
    logItem('found', profile.familyId),
    auditItem(
      {
        familyId: profile.familyId,
        at,
        viewerId: principal.personId,
        viewerName: viewer.name,
        viewerRole: principal.role,
        organisation: viewer.organisation ?? '',
        subjectId: subject.personId,
        subjectName: subject.name,
        // The card marks the family as a special family: that is what the window learns.
        field: 'family_type',
        routeId: 'hospital.findPatient',
      },
      now,
    ) as unknown as Record<string, unknown>,
  ]);
  const result: PatientLookupResponse = {
    familyId: profile.familyId,
    cardNo: profile.card.cardNo,
    holders: profile.members.map((m) => ({ personId: m.personId, name: m.name, relation: m.relation })),
    ...(lead?.personId ? { personId: lead.personId } : {}),
    presentedTicket: await issuePresentedTicket(principal.personId, profile.familyId, now),
    bookingsToday: today.filter((b) => b.familyId === profile.familyId).map(patientView),
  };
  return { body: result };
});
