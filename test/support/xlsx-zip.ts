import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * Hand-made .xlsx packages for the import's limits: a zip whose parts may be generated content
 * (a prefix, a unit repeated, a suffix) deflated as a stream, so a test can make a file that
 * inflates to hundreds of MB without ever holding it, and may declare sizes other than the real ones.
 */
export interface Part {
  name: string;
  content: string | { prefix: string; unit: string; times: number; suffix: string };
  /** Uncompressed size to write in the headers instead of the real one (a lying zip). */
  declaredSize?: number;
}

async function deflatePart(content: Part['content']): Promise<{ data: Buffer; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => deflate.on('end', r));
  let size = 0;
  let crc = 0;
  const write = async (text: string) => {
    const b = Buffer.from(text, 'utf8');
    size += b.length;
    crc = crc32(b, crc);
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  if (typeof content === 'string') await write(content);
  else {
    await write(content.prefix);
    // Write the unit in ~1 MB blocks: fast, and never more than that in memory.
    const per = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(content.unit)));
    const block = content.unit.repeat(per);
    let left = content.times;
    while (left >= per) {
      await write(block);
      left -= per;
    }
    if (left) await write(content.unit.repeat(left));
    await write(content.suffix);
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), size, crc };
}

/** The zip of `parts`, deflated, names in UTF-8. */
export async function zip(parts: Part[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, size, crc } = await deflatePart(part.content);
    const name = Buffer.from(part.name, 'utf8');
    const declared = part.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(parts.length, 8);
  eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<row>` of inline-string cells. */
export const xmlRow = (line: number, cells: readonly string[]) =>
  `<row r="${line}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${line}" t="inlineStr"><is><t>${escape(c)}</t></is></c>`).join('')}</row>`;

/**
 * A one-sheet workbook whose sheet is `rows` (inline strings) followed by `padding`, a unit of
 * sheet XML repeated `times` (inside sheetData); `declaredSheetSize` makes the zip lie about the sheet.
 */
export function workbook(rows: ReadonlyArray<readonly string[]>, padding?: { unit: string; times: number; before?: string; after?: string }, declaredSheetSize?: number): Promise<Buffer> {
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${rows.map((r, i) => xmlRow(i + 1, r)).join('')}`;
  const tail = '</sheetData></worksheet>';
  return zip([
    {
      name: '[Content_Types].xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    { name: '_rels/.rels', content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', content: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="导入" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', content: padding ? { prefix: head + (padding.before ?? ''), unit: padding.unit, times: padding.times, suffix: (padding.after ?? '') + tail } : head + tail, declaredSize: declaredSheetSize },
  ]);
}

/** Padding that inflates to about `mb` MB: empty rows of one blank cell, a thousandfold compressible. */
export const blankRows = (mb: number) => {
  const unit = '<row><c t="inlineStr"><is><t> </t></is></c></row>';
  return { unit, times: Math.ceil((mb * 1024 * 1024) / unit.length) };
};
