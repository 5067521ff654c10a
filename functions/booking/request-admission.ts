import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { AdmissionRequest, FamilyPath, toBeijingIso } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import { admissionView, getAdmission, type AdmissionItem, type InstitutionItem } from '../lib/db/booking';
import { db, tableName } from '../lib/db/client';
import type { PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { badRequest, conflict, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { idempotencyKey } from './book-core';

/**
 * A "needs a bed" request to a designated hospital. With an Idempotency-Key the id is derived from
 * the caller and the key, so a retry finds the same request instead of writing a second one.
 */
export const handler = routeHandler('booking.requestAdmission', { path: FamilyPath, body: AdmissionRequest }, async ({ path, body, principal, now, headers }) => {
  const key = idempotencyKey(headers);
  const items = await batchGetAll<Record<string, unknown>>([keys.institution(body.institutionId), keys.person(body.memberId)]);
  const institution = items.find((i) => i.entity === 'institution') as InstitutionItem | undefined;
  const person = items.find((i) => i.entity === 'person') as PersonItem | undefined;
  if (!person || person.familyId !== path.familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员申请床位');
  if (!institution || institution.kind !== 'hospital') throw badRequest('请选择一家定点医院', { 'body.institutionId': '不是可以住院的定点医院' });
  const admissionId = key
    ? `adm_${createHash('sha256').update(`${principal.personId}:${key}`).digest('hex').slice(0, 24)}`
    : `adm_${createHash('sha256').update(`${principal.personId}:${now.getTime()}:${Math.random()}`).digest('hex').slice(0, 24)}`;
  const requestedAt = toBeijingIso(now);
  const item: AdmissionItem = {
    ...keys.admission(admissionId),
    entity: 'admission',
    admissionId,
    status: 'requested',
    familyId: path.familyId,
    memberId: person.personId,
    memberName: person.name,
    institutionId: institution.institutionId,
    institutionName: institution.name,
    reason: body.reason,
    requestedAt,
    requestedBy: principal.personId,
    gsi1pk: keys.hospitalAdmissionsPk(institution.institutionId),
    gsi1sk: `${requestedAt}#${admissionId}`,
    gsi2pk: keys.familyAdmissionsPk(path.familyId),
    gsi2sk: `${requestedAt}#${admissionId}`,
  };
  try {
    await db().send(new PutCommand({ TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (err) {
    if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    const existing = await getAdmission(admissionId);
    if (!existing || existing.memberId !== person.personId || existing.institutionId !== institution.institutionId) throw conflict('这个请求编号已用于另一次申请');
    return { status: 200, body: admissionView(existing) };
  }
  return { status: 201, body: admissionView(item) };
});
