/** Fen (integer cents, as the API keeps money) shown as yuan: 123456 → "1,234.56". */
export function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100).toLocaleString('en-US');
  const cents = String(Math.abs(fen % 100)).padStart(2, '0');
  return `${whole}.${cents}`;
}

/** Yuan typed by a user ("1234.5") to fen, or undefined if it is not an amount. */
export function toFen(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return undefined;
  const [whole, cents = ''] = t.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}
