import qrcode from 'qrcode-generator';

/** Modules of white border the QR standard asks for; scanners fail more often with less. */
const QUIET_ZONE_MODULES = 4;

/** The QR alphanumeric set: 5.5 bits a character instead of 8, which the card code keeps to. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The code's modules. Error level M: the card code is short enough (~50 alphanumeric characters,
 * version 3, 29 modules) to afford recovery from glare on a phone screen and still draw large
 * modules for an old camera in a hospital queue.
 */
export function qrCode(content: string) {
  const qr = qrcode(0, 'M');
  qr.addData(content, ALPHANUMERIC.test(content) ? 'Alphanumeric' : 'Byte');
  qr.make();
  return qr;
}

/** A GIF data URL of the code, black on white, with its quiet zone. */
export function qrDataUrl(content: string): string {
  const cell = 8;
  return qrCode(content).createDataURL(cell, cell * QUIET_ZONE_MODULES);
}
