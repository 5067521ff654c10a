import type { FamilyType } from '../../../../domain';
import { tableName } from '../client';
import type { FamilyMemberEntry, FamilyProfileItem, HandedOver } from '../items';
import { keys } from '../keys';
import type { TransactItem } from '../transact';

/** A record written before versions existed is version 1. */
export const profileVersion = (p: Pick<FamilyProfileItem, 'version'>) => p.version ?? 1;

/** The index keys of a family in its township (GSI1) and county (GSI2) lists. */
export function familyRegionKeys(r: { familyId: string; countyId: string; townshipId: string; villageId: string }) {
  return {
    gsi1pk: keys.townshipPk(r.townshipId),
    gsi1sk: keys.townshipFamilySk(r.villageId, r.familyId),
    gsi2pk: keys.countyPk(r.countyId),
    gsi2sk: keys.countyFamilySk(r.townshipId, r.villageId, r.familyId),
  };
}

export interface NewFamily {
  familyId: string;
  familyName: string;
  familyType: FamilyType;
  lowIncome: boolean;
  registeredPoor: boolean;
  illnessPoverty: boolean;
  address?: string;
  county: { countyId: string };
  township: { townshipId: string; townshipName: string };
  village: { villageId: string; villageName: string };
  members: FamilyMemberEntry[];
  card: { cardNo: string; issuedOn: string; issuer: string; handedOver?: HandedOver; infoCardHandedOver?: HandedOver };
  helpline: { name: string; phone: string };
}

/** A family's profile as first registered (version 1, card version 1 and active). */
export function familyProfileItem(f: NewFamily): FamilyProfileItem {
  return {
    ...keys.familyProfile(f.familyId),
    entity: 'family',
    familyId: f.familyId,
    familyName: f.familyName,
    familyType: f.familyType,
    lowIncome: f.lowIncome,
    registeredPoor: f.registeredPoor,
    illnessPoverty: f.illnessPoverty,
    version: 1,
    ...(f.address ? { address: f.address } : {}),
    status: 'active',
    countyId: f.county.countyId,
    townshipId: f.township.townshipId,
    townshipName: f.township.townshipName,
    villageId: f.village.villageId,
    villageName: f.village.villageName,
    members: f.members,
    card: { ...f.card, version: 1, status: 'active' },
    helpline: f.helpline,
    ...familyRegionKeys({ familyId: f.familyId, countyId: f.county.countyId, townshipId: f.township.townshipId, villageId: f.village.villageId }),
  };
}

/**
 * The one write of a family's profile by the lifecycle routes: SET (and REMOVE) attribute paths,
 * only while the profile is still the version the editor read, bumping it. Two editors of one
 * family at once: the second one's condition fails and nothing of its transaction is written.
 * Paths are dotted (`card.handedOver`) and every segment is a name placeholder.
 */
export function profileUpdate(familyId: string, expected: number, set: Record<string, unknown>, remove: string[] = []): TransactItem {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expected, ':next': expected + 1 };
  const path = (p: string) =>
    p
      .split('.')
      .map((seg) => {
        const n = `#${seg.replace(/[^A-Za-z0-9_]/g, '_')}`;
        names[n] = seg;
        return n;
      })
      .join('.');
  const sets = Object.entries(set).map(([p, v], i) => {
    values[`:s${i}`] = v;
    return `${path(p)} = :s${i}`;
  });
  const update = [`SET ${[...sets, '#version = :next'].join(', ')}`, ...(remove.length ? [`REMOVE ${remove.map(path).join(', ')}`] : [])].join(' ');
  return {
    Update: {
      TableName: tableName(),
      Key: keys.familyProfile(familyId),
      UpdateExpression: update,
      // A record without a version is version 1 (written before versions existed).
      ConditionExpression: expected === 1 ? 'attribute_exists(pk) AND (attribute_not_exists(#version) OR #version = :expected)' : 'attribute_exists(pk) AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
