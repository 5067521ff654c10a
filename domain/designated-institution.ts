/**
 * Which designated institution's green channel a family is pointed to. No schemas here: the
 * consultation and booking functions import this file directly and stay small.
 */

/** The green channel a family is pointed to: its township's designated institution. */
export interface GreenChannel {
  institutionId: string;
  name: string;
  greenChannelPhone: string;
}

/**
 * A township's designated institution for the green channel: the county-level hospital serving it
 * (urgent cases go where there is a ward), else the health centre serving it.
 */
export function designatedFor<I extends { institutionId: string; name: string; kind: 'hospital' | 'township'; greenChannelPhone: string; servesTownships?: readonly string[] }>(
  institutions: readonly I[],
  townshipId: string,
): I | undefined {
  const serving = institutions.filter((i) => i.servesTownships?.includes(townshipId));
  return serving.find((i) => i.kind === 'hospital') ?? serving[0];
}
