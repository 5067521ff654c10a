import { randomBytes } from 'node:crypto';
import { type ActedBy, type AdmissionRequest, type AdmissionView, toBeijingIso } from '../../domain';
import type { AdmissionItem } from '../lib/db/booking/admissions';
import type { InstitutionItem } from '../lib/db/booking/sessions';
import { tableName } from '../lib/db/client';
import type { PersonItem } from '../lib/db/items';
import { keys } from '../lib/db/keys';
import { part, transact, type Part } from '../lib/db/transact';
import { actingRefusals } from '../lib/http/acting';
import { badRequest, forbidden } from '../lib/http/errors';
import type { Idempotency } from '../lib/http/idempotency';
import { admissionView } from './views';

/** The keys a bed request reads (with the caller's other reads, in one BatchGet). */
export const admissionKeys = (body: AdmissionRequest) => [keys.institution(body.institutionId), keys.person(body.memberId)];

/**
 * A "needs a bed" request to a designated hospital, from the member or from staff acting for the
 * family. The request and the Idempotency-Key marker (and the acting parts) are written together,
 * so a retry with the key gets the same request back instead of a second one. Not a handler.
 */
export async function runAdmissionRequest(
  items: ReadonlyArray<Record<string, unknown>>,
  req: { familyId: string; body: AdmissionRequest; requestedBy: string; now: Date; idempotency: Idempotency; actedBy?: ActedBy; extra?: Part[] },
): Promise<{ status: number; body: AdmissionView }> {
  const { familyId, body, now } = req;
  const institution = items.find((i) => i.entity === 'institution' && i.institutionId === body.institutionId) as InstitutionItem | undefined;
  const person = items.find((i) => i.entity === 'person' && i.personId === body.memberId) as PersonItem | undefined;
  if (!person || person.familyId !== familyId || person.role !== 'member') throw forbidden('只能为本家庭的成员申请床位');
  if (!institution || institution.kind !== 'hospital') throw badRequest('请选择一家定点医院', { 'body.institutionId': '不是可以住院的定点医院' });
  const admissionId = `adm_${randomBytes(12).toString('hex')}`;
  const requestedAt = toBeijingIso(now);
  const item: AdmissionItem = {
    ...keys.admission(admissionId),
    entity: 'admission',
    admissionId,
    status: 'requested',
    familyId,
    memberId: person.personId,
    memberName: person.name,
    institutionId: institution.institutionId,
    institutionName: institution.name,
    reason: body.reason,
    requestedAt,
    requestedBy: req.requestedBy,
    ...(req.actedBy ? { actedBy: req.actedBy } : {}),
    gsi1pk: keys.hospitalAdmissionsPk(institution.institutionId),
    gsi1sk: `${requestedAt}#${admissionId}`,
    gsi2pk: keys.familyAdmissionsPk(familyId),
    gsi2sk: `${requestedAt}#${admissionId}`,
  };
  const response = admissionView(item);
  await transact([part('admission', { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }), ...(req.extra ?? []), ...req.idempotency.marker(response, 201)], {
    refusals: actingRefusals,
  });
  return { status: 201, body: response };
}
