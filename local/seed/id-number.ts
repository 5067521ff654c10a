/** GB 11643-1999 check character of an 18-character resident ID number. */
export function idCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i], 0);
  return '10X98765432'[sum % 11];
}

/** A well-formed, checksummed ID number for demo data (area code, birth date, sequence). */
export function demoIdNumber(areaCode: string, birthDate: string, sequence: number, gender: 'male' | 'female'): string {
  // The 17th digit is odd for men and even for women.
  const seq = String(sequence % 100).padStart(2, '0') + String(gender === 'male' ? 1 + 2 * (sequence % 5) : 2 * (sequence % 5));
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
}
