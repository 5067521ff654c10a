import { FamilyId, PersonId } from './common';
import * as z from './zod';

/** A family's conversation with one of its contact persons: the family and the contact name it. */
export const ConversationPath = z.strictObject({ familyId: FamilyId, staffId: PersonId });
export type ConversationPath = z.infer<typeof ConversationPath>;
