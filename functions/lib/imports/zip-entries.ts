import { createInflateRaw } from 'node:zlib';

/**
 * Bounded reading of a .zip held in memory (an .xlsx is one). A small upload can inflate to far
 * more than the function may hold (a sheet of repeated XML compresses a thousandfold), so the sizes
 * the central directory declares are added up and checked before anything is inflated, and each
 * entry is then inflated as a stream that is stopped the moment it passes its declared size: the
 * declarations may lie, the stream cannot. Nothing here holds an entry inflated in one piece.
 */
export interface ZipEntry {
  /** As stored, without a leading slash. */
  name: string;
  method: number;
  compressedSize: number;
  /** Uncompressed size, as the central directory declares it. */
  size: number;
  localOffset: number;
}

/** Why a zip cannot be read: `too-big` (over the limit) or `invalid` (not a zip we read). */
export class ZipRefusal extends Error {
  constructor(readonly reason: 'too-big' | 'invalid', detail: string) {
    super(detail);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 1_000;
const invalid = (detail: string) => new ZipRefusal('invalid', detail);

/**
 * The entries of the zip in `buf`, refused if their declared uncompressed sizes add up to more than
 * `maxInflatedBytes`. Zip64 (an entry or archive over 4 GB) is refused as too big.
 */
export function zipEntries(buf: Buffer, maxInflatedBytes: number): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipRefusal('too-big', 'zip64');
  if (count > MAX_ENTRIES) throw invalid(`${count} entries`);
  const entries = new Map<string, ZipEntry>();
  let declared = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw invalid('bad central directory');
    const nameLength = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/^\//, ''),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) throw new ZipRefusal('too-big', 'zip64 entry');
    declared += entry.size;
    if (declared > maxInflatedBytes) throw new ZipRefusal('too-big', `declared ${declared} bytes`);
    // Part names in an Office package are case-insensitive.
    entries.set(entry.name.toLowerCase(), entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * The entry's content, inflated a chunk at a time; refused as too big as soon as it passes the
 * size the central directory declared (which `zipEntries` held to the limit).
 */
export async function* entryChunks(buf: Buffer, entry: ZipEntry): AsyncGenerator<Buffer> {
  const local = entry.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) throw invalid(`bad local header for ${entry.name}`);
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw invalid(`${entry.name} is truncated`);
  if (entry.method === 0) {
    if (data.length !== entry.size) throw invalid(`${entry.name}: stored size differs`);
    yield data;
    return;
  }
  if (entry.method !== 8) throw invalid(`${entry.name}: compression method ${entry.method}`);
  const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(data);
  let inflated = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.size) throw new ZipRefusal('too-big', `${entry.name} inflates past its declared ${entry.size} bytes`);
      yield chunk;
    }
    if (inflated !== entry.size) throw invalid(`${entry.name}: inflated ${inflated} of ${entry.size} bytes`);
  } catch (err) {
    if (err instanceof ZipRefusal) throw err;
    throw invalid(`${entry.name}: ${(err as Error).message}`);
  } finally {
    inflater.destroy();
  }
}
