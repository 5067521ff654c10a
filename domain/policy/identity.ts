/**
 * How a binding answer is compared with the imported record. Names ignore whitespace (full-width
 * spaces included: people type them); the ID number's check character may be typed as x or X.
 */
export function sameName(recorded: string, answered: string): boolean {
  const normalise = (s: string) => s.replace(/\s+/g, '');
  return normalise(recorded) === normalise(answered);
}

export function idLast6Matches(idNumber: string, answered: string): boolean {
  return idNumber.slice(-6).toUpperCase() === answered.toUpperCase();
}
