import { crc32, inflateRawSync } from 'node:zlib';
import { badRequest } from '../shared/errors.js';

/**
 * A minimal, defensive ZIP reader for bank statement deliveries (German banks wrap camt.053 files in
 * a ZIP since November 2025). Reads the end-of-central-directory record and the central directory,
 * then each member through its local header; stored (0) and deflated (8) members only, inflated with
 * node:zlib's inflateRaw under a hard output cap (a zip bomb stops at the cap, whatever the headers
 * claim), CRC-32 and sizes checked. No ZIP64, no encryption, no multi-disk archives. Pure (no AWS).
 */

export interface ZipMember {
  readonly name: string;
  readonly data: Buffer;
}

export interface ZipLimits {
  /** Members (directories included). */
  readonly maxMembers: number;
  /** Uncompressed bytes of one member. */
  readonly maxMemberBytes: number;
  /** Uncompressed bytes of all members together. */
  readonly maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxMembers: 50, maxMemberBytes: 5_000_000, maxTotalBytes: 10_000_000 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export const isZip = (bytes: Buffer): boolean => bytes.length >= 4 && (bytes.readUInt32LE(0) === LOCAL || bytes.readUInt32LE(0) === EOCD);

const invalid = (message: string) => badRequest('INVALID_ARCHIVE', message);
const tooLarge = (message: string) => badRequest('ARCHIVE_TOO_LARGE', message);

function endOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes at the very end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let offset = bytes.length - 22; offset >= lowest; offset--) {
    if (bytes.readUInt32LE(offset) === EOCD && offset + 22 + bytes.readUInt16LE(offset + 20) === bytes.length) return offset;
  }
  throw invalid('Not a ZIP archive (no end of central directory)');
}

export function readZip(bytes: Buffer, limits: ZipLimits = ZIP_LIMITS): ZipMember[] {
  if (bytes.length < 22) throw invalid('Not a ZIP archive (too short)');
  const eocd = endOfCentralDirectory(bytes);
  const disk = bytes.readUInt16LE(eocd + 4);
  const centralDisk = bytes.readUInt16LE(eocd + 6);
  const count = bytes.readUInt16LE(eocd + 10);
  const centralSize = bytes.readUInt32LE(eocd + 12);
  const centralOffset = bytes.readUInt32LE(eocd + 16);
  if (disk !== 0 || centralDisk !== 0 || count !== bytes.readUInt16LE(eocd + 8)) throw invalid('Multi-disk ZIP archives are not supported');
  if (count === 0xffff || centralOffset === 0xffffffff || centralSize === 0xffffffff) throw invalid('ZIP64 archives are not supported');
  if (count > limits.maxMembers) throw tooLarge(`The archive has ${count} members, at most ${limits.maxMembers} are accepted`);
  if (centralOffset + centralSize > eocd) throw invalid('The central directory lies outside the archive');

  const members: ZipMember[] = [];
  let total = 0;
  let offset = centralOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > eocd || bytes.readUInt32LE(offset) !== CENTRAL) throw invalid(`Central directory entry ${index + 1} is damaged`);
    const flags = bytes.readUInt16LE(offset + 8);
    const method = bytes.readUInt16LE(offset + 10);
    const crc = bytes.readUInt32LE(offset + 16);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const size = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.subarray(offset + 46, offset + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    offset += 46 + nameLength + extraLength + commentLength;
    if (offset > eocd) throw invalid(`Central directory entry ${index + 1} is damaged`);
    if (name.endsWith('/')) continue; // a directory
    if (flags & 0x1) throw invalid(`${name}: encrypted members are not supported`);
    if (method !== 0 && method !== 8) throw invalid(`${name}: compression method ${method} is not supported (stored or deflate only)`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw invalid('ZIP64 archives are not supported');
    if (size > limits.maxMemberBytes) throw tooLarge(`${name} is ${size} bytes uncompressed, at most ${limits.maxMemberBytes} are accepted`);
    if (total + size > limits.maxTotalBytes) throw tooLarge(`The archive holds more than ${limits.maxTotalBytes} bytes uncompressed`);

    if (localOffset + 30 > centralOffset || bytes.readUInt32LE(localOffset) !== LOCAL) throw invalid(`${name}: local header missing`);
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > centralOffset) throw invalid(`${name}: data lies outside the archive`);
    const packed = bytes.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) {
      data = Buffer.from(packed);
    } else {
      try {
        // One byte more than declared: a member that inflates beyond its declared size fails here, at the cap.
        data = inflateRawSync(packed, { maxOutputLength: Math.min(size, limits.maxMemberBytes) + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooLarge(`${name} inflates beyond its declared size`);
        throw invalid(`${name}: the compressed data is damaged`);
      }
    }
    if (data.length !== size) throw invalid(`${name}: ${data.length} bytes instead of the declared ${size}`);
    if (crc32(data) >>> 0 !== crc) throw invalid(`${name}: CRC-32 mismatch`);
    total += data.length;
    members.push({ name, data });
  }
  return members;
}
