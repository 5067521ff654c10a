import { FamilyMemberPath, maskPhone, MemberCorrectionRequest } from '../../domain';
import { blindIndex, encryptField } from '../lib/crypto/field-crypto';
import { tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';
import { changePut, diff } from '../lib/db/lifecycle/changes';
import { profileUpdate } from '../lib/db/lifecycle/profile';
import { part, transact } from '../lib/db/transact';
import { notFound } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';
import { familyForChange, staleRefusal } from './family-change';
import { familyDetailsView } from './views';

const labels = { name: '姓名', relation: '与户主关系', birthDate: '出生日期', gender: '性别', phone: '手机号' };
const genderLabel = { male: '男', female: '女' } as const;

/**
 * Corrects a member's registered details. The family's member list and the person's own record
 * change in one transaction with the change record, which keeps the values as they were (the old
 * phone only masked: the history is shown to the family and its contacts).
 */
export const handler = routeHandler('lifecycle.correctMember', { path: FamilyMemberPath, body: MemberCorrectionRequest }, async ({ path, body, principal, now }) => {
  const { profile, actor } = await familyForChange(path.familyId, body.version, principal);
  const member = profile.members.find((m) => m.personId === path.memberId);
  if (!member) throw notFound('这户家庭没有这位成员');
  const phoneMasked = body.phone ? maskPhone(body.phone) : member.phoneMasked;
  const shown = (m: { name: string; relation: string; birthDate: string; gender: keyof typeof genderLabel }, phone: string) => ({ name: m.name, relation: m.relation, birthDate: m.birthDate, gender: genderLabel[m.gender], phone });
  const { before, after } = diff(labels, shown(member, member.phoneMasked), shown(body, phoneMasked));
  if (!Object.keys(after).length && !body.phone) return { body: familyDetailsView(profile) };
  const corrected = { ...member, name: body.name, relation: body.relation, birthDate: body.birthDate, gender: body.gender, phoneMasked };
  const members = profile.members.map((m) => (m.personId === member.personId ? corrected : m));
  const phone = body.phone
    ? {
        ':phoneEnc': await encryptField(body.phone, `${member.personId}:phone`),
        ':phoneMasked': phoneMasked,
        ':gsi1pk': keys.personByPhone(await blindIndex('phone', body.phone)),
      }
    : {};
  const summary = Object.keys(after).map((label) => `${label}：${before[label] || '（空）'} → ${after[label]}`).join('；') || '手机号已更新';
  await transact(
    [
      part('profile', profileUpdate(path.familyId, body.version, { members })),
      part('person', {
        Update: {
          TableName: tableName(),
          Key: keys.person(member.personId),
          UpdateExpression: `SET #name = :name, relation = :relation, birthDate = :birthDate, gender = :gender${body.phone ? ', phoneEnc = :phoneEnc, phoneMasked = :phoneMasked, gsi1pk = :gsi1pk' : ''}`,
          ConditionExpression: 'familyId = :familyId',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': body.name, ':relation': body.relation, ':birthDate': body.birthDate, ':gender': body.gender, ':familyId': path.familyId, ...phone },
        },
      }),
      part('change', changePut({ familyId: path.familyId, townshipId: profile.townshipId, kind: 'correction', by: actor, summary: `更正${member.name}的登记信息：${summary}（${body.reason}）`, before, after, memberId: member.personId }, now)),
    ],
    { refusals: staleRefusal },
  );
  return { body: familyDetailsView({ ...profile, members, version: body.version + 1 }) };
});
