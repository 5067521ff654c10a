import { blindIndex, decryptField } from '../../functions/lib/crypto/field-crypto';
import { idGuardItem } from '../../functions/lib/db/imports';

/**
 * The ID-number guards (IDNO#<blind index>) of the seeded people written by hand (the import and
 * the staff form write their own), so an import that names one of them is reported as a duplicate.
 */
export async function buildImportSeed(items: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const persons = items.filter((i) => i.entity === 'person' && i.role !== 'member' && typeof i.idNumberEnc === 'string' && i.idNumberEnc !== '') as Array<{ personId: string; idNumberEnc: string; familyId?: string }>;
  return Promise.all(
    persons.map(async (p) => {
      const idNumber = await decryptField(p.idNumberEnc, `${p.personId}:id_number`);
      return { ...idGuardItem(await blindIndex('id_number', idNumber), p.personId, p.familyId ? { familyId: p.familyId } : {}) };
    }),
  );
}
