import qrcode from 'qrcode-generator';

/** Modules of white border the QR standard asks for; scanners fail more often with less. */
const QUIET_ZONE_MODULES = 4;

/**
 * A GIF data URL of the code, black on white. Error level L: a screen is not a worn paper label,
 * and the lowest level keeps the modules of a ~300-character token as large as possible at 300 CSS
 * px, which matters more to an old phone camera in a hospital queue.
 */
export function qrDataUrl(content: string): string {
  const qr = qrcode(0, 'L');
  qr.addData(content, 'Byte');
  qr.make();
  const cell = 8;
  return qr.createDataURL(cell, cell * QUIET_ZONE_MODULES);
}
