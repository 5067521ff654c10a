/** 138****5678: enough for a person to recognise their own number, not enough to call it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 4101**********123X */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '****';
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
