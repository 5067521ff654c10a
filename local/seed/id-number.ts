import { idCheckChar } from '../../domain/imports';

export { idCheckChar };

/** A well-formed, checksummed ID number for demo data (area code, birth date, sequence). */
export function demoIdNumber(areaCode: string, birthDate: string, sequence: number, gender: 'male' | 'female'): string {
  // The 17th digit is odd for men and even for women.
  const seq = String(sequence % 100).padStart(2, '0') + String(gender === 'male' ? 1 + 2 * (sequence % 5) : 2 * (sequence % 5));
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
}
