import type { ManagedInstitution } from '../../domain';
import type { InstitutionItem } from '../lib/db/booking/sessions';

/** An institution as the commission's pages show it, townships by name. */
export function managedView(i: InstitutionItem, townshipNames: ReadonlyMap<string, string>): ManagedInstitution {
  return {
    institutionId: i.institutionId,
    name: i.name,
    kind: i.kind,
    level: i.level ?? 'ungraded',
    address: i.address,
    greenChannelPhone: i.greenChannelPhone,
    greenChannelHours: i.greenChannelHours ?? '',
    greenChannelPlace: i.greenChannelPlace,
    meetBy: i.meetBy,
    departments: i.departments,
    servesTownships: (i.servesTownships ?? []).map((townshipId) => ({ townshipId, name: townshipNames.get(townshipId) ?? townshipId })),
    version: i.version ?? 1,
    retired: Boolean(i.retiredAt),
    ...(i.retiredAt ? { retiredAt: i.retiredAt } : {}),
  };
}
