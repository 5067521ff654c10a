import qrcode from 'qrcode-generator';

/** Modules of white border the QR standard asks for; scanners fail more often with less. */
const QUIET_ZONE_MODULES = 4;

/**
 * A GIF data URL of the code, black on white. Error level M survives some glare on a phone screen
 * while keeping the modules of a ~300-character token large enough at 300 CSS px.
 */
export function qrDataUrl(content: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(content, 'Byte');
  qr.make();
  const cell = 8;
  return qr.createDataURL(cell, cell * QUIET_ZONE_MODULES);
}
