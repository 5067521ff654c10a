import type { Role } from '../roles';

/**
 * Whether a family is 失独 or 伤残 is sensitive personal information (PIPL). The contact persons
 * and the commission work with it by duty; doctors and hospital staff need only know that the
 * person is entitled to priority service, which the card says without the type.
 */
export function canSeeFamilyType(role: Role): boolean {
  return role === 'contact' || role === 'commission';
}

/** Who may read another person's full phone number (the read is audited). */
export function canRevealMemberPhone(role: Role): boolean {
  return role === 'contact' || role === 'doctor' || role === 'commission';
}
