import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DeflatingEntry, zipFiles, zipFolder } from '../../src/exchange/zip-writer';

// The 备案包's zip is written with node:zlib (issue 13); JSZip (what other programs read it with) and Info-ZIP's unzip must read
// every entry back byte for byte, with the names, folders, dates and permissions JSZip used to write.
const date = new Date('2026-11-30T08:15:42Z');
const entries = [
  { path: 'manifest.json', bytes: Buffer.from(`${JSON.stringify({ a: '清河镇', rows: Array.from({ length: 500 }, (_, i) => i) }, null, 2)}\n`), deflate: true },
  { path: '备案报送单.pdf', bytes: Buffer.from('%PDF-1.7 stored as it is'), deflate: false },
  { path: 'lists/审批通过名单.xlsx', bytes: Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)), deflate: false },
  { path: 'lists/notes.txt', bytes: Buffer.alloc(0), deflate: true },
  { path: 'SHA256SUMS', bytes: Buffer.from('abc  manifest.json\n'), deflate: true },
];

describe('zip writer', () => {
  it('is read back by JSZip entry for entry: folders first, UTF-8 names, the package date, UNIX permissions', async () => {
    const bytes = zipFolder('备案包-清河镇', entries, date);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual([
      '备案包-清河镇/',
      '备案包-清河镇/manifest.json',
      '备案包-清河镇/备案报送单.pdf',
      '备案包-清河镇/lists/',
      '备案包-清河镇/lists/审批通过名单.xlsx',
      '备案包-清河镇/lists/notes.txt',
      '备案包-清河镇/SHA256SUMS',
    ]);
    for (const e of entries) {
      const f = zip.file(`备案包-清河镇/${e.path}`)!;
      expect(await f.async('nodebuffer')).toEqual(e.bytes);
      expect(f.date.toISOString()).toBe('2026-11-30T08:15:42.000Z');
      expect(f.unixPermissions).toBe(0o100664);
    }
    expect(zip.files['备案包-清河镇/lists/']!.dir).toBe(true);
    expect(zip.files['备案包-清河镇/lists/']!.unixPermissions).toBe(0o40775);
    // Text is deflated, the rest stored.
    expect(bytes.length).toBeLessThan(entries.reduce((n, e) => n + e.bytes.length, 0));
    // The same package gives the same bytes.
    expect(zipFolder('备案包-清河镇', entries, date)).toEqual(bytes);
  });

  it('passes Info-ZIP’s own test of every entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-zip-'));
    try {
      const file = join(dir, 'p.zip');
      writeFileSync(file, zipFolder('备案包-清河镇', entries, date));
      const out = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(out).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes files at the root (an .xlsx), one of them deflated piece by piece as it was written', async () => {
    // Several pieces of ~1 MB, with multi-byte characters across the pieces' edges.
    const part = new DeflatingEntry('xl/worksheets/sheet1.xml');
    const rows: string[] = [];
    for (let i = 0; i < 60_000; i++) rows.push(`<row r="${i}"><c t="s"><v>${i % 977}</v></c><is>清河镇第${i}户</is></row>`);
    for (const r of rows) part.write(r);
    const text = Buffer.from(rows.join(''), 'utf8');
    expect(text.length).toBeGreaterThan(3 * (1 << 20));
    const streamed = await part.end();
    expect(streamed.size).toBe(text.length);
    const small = { path: '[Content_Types].xml', bytes: Buffer.from('<Types/>'), deflate: true };
    const bytes = await zipFiles([small, streamed], date);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml']);
    // equals(), not toEqual: a deep comparison of 3 MB byte by byte takes seconds.
    expect((await zip.file('xl/worksheets/sheet1.xml')!.async('nodebuffer')).equals(text)).toBe(true);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toBe('<Types/>');
    expect(streamed.body.length).toBeLessThan(text.length / 5);
    const dir = mkdtempSync(join(tmpdir(), 'dibao-zip-'));
    try {
      const file = join(dir, 'p.xlsx');
      writeFileSync(file, bytes);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
