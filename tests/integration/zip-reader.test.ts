import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { readZipDirectory, readZipEntry, ZipEntryError, ZipFormatError } from '../../src/exchange/zip-reader';
import { zipFolder, zipFolderAsync } from '../../src/exchange/zip-writer';

// The 备案包's zip is read back with node:zlib (issue 13), not JSZip: what JSZip and unzip read, it must read the
// same, and a flipped byte, a cut file or an entry that claims another size must be refused.
const date = new Date('2026-11-30T08:15:42Z');
const entries = [
  { path: 'manifest.json', bytes: Buffer.from(`${JSON.stringify({ a: '清河镇', rows: Array.from({ length: 2000 }, (_, i) => i) }, null, 2)}\n`), deflate: true },
  { path: '备案报送单.pdf', bytes: Buffer.from('%PDF-1.7 stored as it is'), deflate: false },
  { path: 'lists/审批通过名单.xlsx', bytes: Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)), deflate: false },
  { path: 'lists/empty.txt', bytes: Buffer.alloc(0), deflate: true },
];

async function readAll(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of readZipDirectory(bytes)) if (!e.dir) out.set(e.name, await readZipEntry(bytes, e));
  return out;
}

describe('zip reader (node:zlib)', () => {
  it('reads the package writer’s zip entry for entry, folders flagged, in the order written', async () => {
    const bytes = zipFolder('备案包-清河镇', entries, date);
    const dir = readZipDirectory(bytes);
    expect(dir.map((e) => [e.name, e.dir])).toEqual([
      ['备案包-清河镇/', true],
      ['备案包-清河镇/manifest.json', false],
      ['备案包-清河镇/备案报送单.pdf', false],
      ['备案包-清河镇/lists/', true],
      ['备案包-清河镇/lists/审批通过名单.xlsx', false],
      ['备案包-清河镇/lists/empty.txt', false],
    ]);
    const files = await readAll(bytes);
    for (const e of entries) expect(files.get(`备案包-清河镇/${e.path}`)).toEqual(e.bytes);
  });

  it('reads what JSZip writes, sizes after the data (bit 3) included', async () => {
    const zip = new JSZip();
    for (const e of entries) zip.file(`p/${e.path}`, e.bytes);
    for (const streamFiles of [false, true]) {
      const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles });
      const files = await readAll(bytes);
      for (const e of entries) expect(files.get(`p/${e.path}`)).toEqual(e.bytes);
    }
  });

  it('zipFolderAsync writes the same bytes as zipFolder', async () => {
    expect(await zipFolderAsync('备案包-清河镇', entries, date)).toEqual(zipFolder('备案包-清河镇', entries, date));
  });

  it('refuses a flipped byte in a deflated and in a stored entry, and a cut or foreign file', async () => {
    const bytes = zipFolder('p', entries, date);
    const dir = readZipDirectory(bytes);
    for (const name of ['p/manifest.json', 'p/备案报送单.pdf']) {
      const e = dir.find((d) => d.name === name)!;
      const bad = Buffer.from(bytes);
      const dataAt = e.localHeaderOffset + 30 + bad.readUInt16LE(e.localHeaderOffset + 26) + bad.readUInt16LE(e.localHeaderOffset + 28);
      bad[dataAt + Math.floor(e.compressedSize / 2)]! ^= 0x20;
      await expect(readZipEntry(bad, e)).rejects.toBeInstanceOf(ZipEntryError);
    }
    expect(() => readZipDirectory(bytes.subarray(0, bytes.length - 10))).toThrow(ZipFormatError);
    expect(() => readZipDirectory(Buffer.from('PK\u0003\u0004 not a zip at all, just text'))).toThrow(ZipFormatError);
  });

  it('refuses an entry whose directory claims a smaller size than it inflates to (no unbounded inflate)', async () => {
    const bytes = Buffer.from(zipFolder('p', entries, date));
    const e = readZipDirectory(bytes).find((d) => d.name === 'p/manifest.json')!;
    await expect(readZipEntry(bytes, { ...e, size: 100 })).rejects.toBeInstanceOf(ZipEntryError);
  });

  it('gives both names of an entry whose Unicode Path differs from its raw name, so both are checked', () => {
    // A raw name without the UTF-8 flag and an Info-ZIP Unicode Path (0x7075) naming something else.
    const raw = Buffer.from('safe.txt');
    const upath = Buffer.from('../evil.txt');
    const extra = Buffer.alloc(4 + 5 + upath.length);
    extra.writeUInt16LE(0x7075, 0);
    extra.writeUInt16LE(5 + upath.length, 2);
    extra.writeUInt8(1, 4);
    extra.writeUInt32LE(crc32(raw), 5);
    upath.copy(extra, 9);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(raw.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(raw.length, 28);
    central.writeUInt16LE(extra.length, 30);
    const centralAt = local.length + raw.length + extra.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + raw.length + extra.length, 12);
    end.writeUInt32LE(centralAt, 16);
    const zip = Buffer.concat([local, raw, extra, central, raw, extra, end]);
    const [e] = readZipDirectory(zip);
    expect(e!.name).toBe('../evil.txt');
    expect(e!.names).toEqual(['../evil.txt', 'safe.txt']);
  });
});

describe('备案包 zip read back', () => {
  it('a zip holding two entries of one name is refused (unzip would keep only one of them)', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { verifyPackage } = await import('../../src/exchange/package-verify');
    const dir = mkdtempSync(join(tmpdir(), 'dibao-zipdup-'));
    try {
      const file = join(dir, 'dup.zip');
      const manifest = { path: 'manifest.json', bytes: Buffer.from('{}'), deflate: true };
      writeFileSync(file, zipFolder('备案包_测试', [manifest, { path: 'a.txt', bytes: Buffer.from('one'), deflate: false }, { path: 'a.txt', bytes: Buffer.from('two'), deflate: false }], date));
      const report = await verifyPackage(file);
      expect(report.ok).toBe(false);
      expect(report.problems.join('')).toContain('重名');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
