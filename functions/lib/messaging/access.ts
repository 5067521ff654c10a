import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../../domain';
import { db, tableName } from '../db/client';
import type { FamilyContactItem } from '../db/items';
import { keys } from '../db/keys';
import { forbidden } from '../http/errors';

/**
 * Who may take part in a family's conversation with a contact person: the family's members and
 * that contact person, and only while the contact is assigned. The route's family-scope check has
 * already passed (a member: own family; a contact: FAMILY#CONTACT#<caller> exists, read fresh).
 * For a member, the FAMILY#CONTACT item of the contact named in the path is read (or, on writes,
 * checked inside the transaction): a contact removed from the family is gone at once, whatever a
 * stale list on the phone says. Doctors are reached through consultations, not conversations.
 */
export const conversationKinds = ['township_leader', 'village_cadre', 'volunteer'] as const;

export async function conversationContact(familyId: string, staffId: string): Promise<FamilyContactItem | undefined> {
  const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.familyContact(familyId, staffId), ConsistentRead: true }));
  const item = out.Item as FamilyContactItem | undefined;
  return item && (conversationKinds as readonly string[]).includes(item.kind) ? item : undefined;
}

export const notYourConversation = () => forbidden('您不能查看这段对话');

/** A contact may only be in their own conversations (the scope check proved they serve the family). */
export function assertStaffSide(principal: Principal, staffId: string): void {
  if (principal.role !== 'member' && principal.personId !== staffId) throw notYourConversation();
}

/** For reads and presigning: the full check, with one GetItem for a member. */
export async function assertConversationParty(principal: Principal, familyId: string, staffId: string): Promise<void> {
  assertStaffSide(principal, staffId);
  if (principal.role === 'member' && !(await conversationContact(familyId, staffId))) throw forbidden('这位联系人已不再负责您家，不能继续对话');
}

export const conversationUploadScope = (familyId: string, staffId: string) => `conv/${familyId}/${staffId}`;
