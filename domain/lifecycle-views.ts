import * as z from './zod';
import { Cursor, FamilyId, Gender, IsoDate, PersonId, TownshipId, VillageId } from './common';
import { FamilyType } from './families';
import { ChangeKind } from './lifecycle';

/**
 * What the lifecycle routes answer. Apart from the request schemas (lifecycle.ts) so a handler,
 * which only needs these as types, does not carry them in its bundle.
 */

const HandedOverView = z.object({ on: IsoDate, byName: z.string() });

export const MemberDetails = z.object({
  personId: PersonId,
  name: z.string(),
  relation: z.string(),
  gender: Gender,
  birthDate: IsoDate,
  phoneMasked: z.string(),
  deceasedOn: z.optional(IsoDate),
});

export const FamilyDetailsResponse = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  version: z.number(),
  status: z.enum(['active', 'transferred_out']),
  familyType: FamilyType,
  lowIncome: z.boolean(),
  registeredPoor: z.boolean(),
  illnessPoverty: z.boolean(),
  address: z.string(),
  townshipId: TownshipId,
  townshipName: z.string(),
  villageId: VillageId,
  villageName: z.string(),
  members: z.array(MemberDetails),
  card: z.object({
    cardNo: z.string(),
    status: z.enum(['active', 'revoked']),
    issuedOn: IsoDate,
    handedOver: z.optional(HandedOverView),
    infoCardHandedOver: z.optional(HandedOverView),
  }),
});
export type FamilyDetailsResponse = z.infer<typeof FamilyDetailsResponse>;

export const FamilyChange = z.object({
  changeId: z.string(),
  kind: ChangeKind,
  kindLabel: z.string(),
  at: z.string(),
  byName: z.string(),
  /** One plain line: what changed, e.g. "家庭类别：伤残家庭 → 失独家庭". */
  summary: z.string(),
  /** The values before and after, by field label. */
  before: z.record(z.string(), z.string()),
  after: z.record(z.string(), z.string()),
});
export type FamilyChange = z.infer<typeof FamilyChange>;

export const FamilyChangesResponse = z.object({ items: z.array(FamilyChange), nextCursor: z.optional(Cursor) });
export type FamilyChangesResponse = z.infer<typeof FamilyChangesResponse>;


/** A recorded death: the family's new record version, and what ended with it. */
export const DeathResponse = z.object({ familyId: FamilyId, memberId: PersonId, diedOn: IsoDate, version: z.number(), ended: z.array(z.string()) });
export type DeathResponse = z.infer<typeof DeathResponse>;
