import { decryptField } from '../../functions/lib/crypto/field-crypto';
import { cardNumberItem, nameIdItem } from '../../functions/lib/db/green-channel';

/**
 * The hospital window's lookup items of the seeded families, as the import writes them: each
 * card's number, and each member's name with the last 6 ID characters (blind index).
 */
export async function buildWalkInSeed(items: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const cards = items
    .filter((i) => i.entity === 'family')
    .map((f) => cardNumberItem((f.card as { cardNo: string }).cardNo, f.familyId as string) as unknown as Record<string, unknown>);
  const members = items.filter((i) => i.entity === 'person' && i.role === 'member' && typeof i.familyId === 'string' && typeof i.idNumberEnc === 'string' && i.idNumberEnc !== '') as Array<{
    personId: string;
    name: string;
    familyId: string;
    idNumberEnc: string;
  }>;
  const names = await Promise.all(
    members.map(async (m) => (await nameIdItem(m.name, await decryptField(m.idNumberEnc, `${m.personId}:id_number`), m.personId, m.familyId)) as unknown as Record<string, unknown>),
  );
  return [...cards, ...names];
}
