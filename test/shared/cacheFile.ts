// The analysis cache file (server/src/analysisCache.ts, format 6) read and written here on its own terms, so tests
// can look inside it and damage it: records of a JSON text and a block of bytes, after their lengths (two 32-bit
// little-endian numbers); the first record is the header.
import * as fs from 'node:fs';

export interface CacheRecord {
  json: string;
  block: Buffer;
}

export function readCacheRecords(file: string): CacheRecord[] {
  const bytes = fs.readFileSync(file);
  const records: CacheRecord[] = [];
  for (let at = 0; at < bytes.byteLength; ) {
    const jsonAt = at + 8;
    const blockAt = jsonAt + bytes.readUInt32LE(at);
    const end = blockAt + bytes.readUInt32LE(at + 4);
    records.push({ json: bytes.toString('utf8', jsonAt, blockAt), block: bytes.subarray(blockAt, end) });
    at = end;
  }
  return records;
}

export function cacheRecord({ json, block }: CacheRecord): Buffer {
  const text = Buffer.from(json);
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(text.byteLength, 0);
  prefix.writeUInt32LE(block.byteLength, 4);
  return Buffer.concat([prefix, text, block]);
}

export function writeCacheRecords(file: string, records: readonly CacheRecord[]): void {
  fs.writeFileSync(file, Buffer.concat(records.map(cacheRecord)));
}

/** An entry as its record holds it: the JSON's fields, and the summary's block beside them. */
export type CacheEntry = { hash: string; signature: number; summary: { findings: any[]; strings: number[] }; block: Buffer };

export interface CacheContents {
  header: { format: number; build: string; strings: string[] };
  entries: Map<string, CacheEntry>;
}

export function readCache(file: string): CacheContents {
  const [header, ...records] = readCacheRecords(file);
  return {
    header: JSON.parse(header.json),
    entries: new Map(
      records.map(({ json, block }) => {
        const [article, entry] = JSON.parse(json) as [string, Omit<CacheEntry, 'block'>];
        return [article, { ...entry, block }];
      }),
    ),
  };
}

export function writeCache(file: string, { header, entries }: CacheContents): void {
  writeCacheRecords(file, [
    { json: JSON.stringify(header), block: Buffer.alloc(0) },
    ...[...entries].map(([article, { block, ...entry }]) => ({ json: JSON.stringify([article, entry]), block })),
  ]);
}
