import type { PersonItem } from '../../functions/lib/db/items';
import { staffDirectoryItem } from '../../functions/lib/db/staff-directory';

/** The demo county's staff directory (hand-over page): one entry per contact person. */
export function buildRequestsSeed(items: ReadonlyArray<{ entity?: unknown }>, countyId: string): Record<string, unknown>[] {
  return items.flatMap((i) => {
    const entry = i.entity === 'person' ? staffDirectoryItem(i as unknown as PersonItem, countyId) : undefined;
    return entry ? [entry as unknown as Record<string, unknown>] : [];
  });
}
