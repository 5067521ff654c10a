import type { CommissionLevel, ContactLevel, Role } from '../roles';

/**
 * Whether a family is 失独 or 伤残 is sensitive personal information (PIPL). The township and
 * village contacts and the commission work with it by duty; volunteers, doctors and hospital staff
 * need only know that the person is entitled to priority service, which the card says without the
 * type. Every read of it is audited: a list that shows it writes one event per viewer, family and
 * Beijing day (functions/lib/db/audit.ts auditListRead), so a working day of list views is one
 * line in the family's log rather than dozens, and none is missing.
 */
export function canSeeFamilyType(viewer: { role: Role; level?: ContactLevel | CommissionLevel }): boolean {
  if (viewer.role === 'commission') return true;
  return viewer.role === 'contact' && (viewer.level === 'township' || viewer.level === 'village');
}

/**
 * Who may read another person's full phone number (the read is audited). The route table grants
 * the reveal route to exactly these roles, so the app's button and the server agree.
 */
export const memberPhoneRevealRoles = ['contact', 'doctor', 'commission'] as const satisfies readonly Role[];

export function canRevealMemberPhone(role: Role): boolean {
  return (memberPhoneRevealRoles as readonly Role[]).includes(role);
}
