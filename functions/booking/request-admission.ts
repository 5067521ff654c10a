import { randomBytes } from 'node:crypto';
import { AdmissionRequest, FamilyPath, toBeijingIso } from '../../domain';
import { batchGetAll } from '../lib/db/batch';
import type { AdmissionItem } from '../lib/db/booking/admissions';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { tableName } from '../lib/db/client';
import type { PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { part, transact } from '../lib/db/transact';
import { badRequest, forbidden } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { admissionView } from './views';

/**
 * A "needs a bed" request to a designated hospital. The request and the Idempotency-Key marker are
 * written together, so a retry with the key gets the same request back instead of a second one.
 */
export const handler = routeHandler('booking.requestAdmission', { path: FamilyPath, body: AdmissionRequest }, async ({ path, body, principal, now, idempotency }) => {
  const items = await batchGetAll<Record<string, unknown>>([keys.institution(body.institutionId), keys.person(body.memberId)]);
  const institution = items.find((i) => i.entity === 'institution') as InstitutionItem | undefined;
  const person = items.find((i) => i.entity === 'person') as PersonItem | undefined;
  if (!person || person.familyId !== path.familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员申请床位');
  if (!institution || institution.kind !== 'hospital') throw badRequest('请选择一家定点医院', { 'body.institutionId': '不是可以住院的定点医院' });
  const admissionId = `adm_${randomBytes(12).toString('hex')}`;
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
  const response = admissionView(item);
  await transact([part('admission', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }), ...idempotency.marker(response, 201)]);
  return { status: 201, body: response };
});
