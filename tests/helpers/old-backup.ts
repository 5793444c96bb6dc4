import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { sha256Hex } from '../../src/exchange/durable';
import { openDatabase } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';
import { migration013 } from '../../src/store/migrations/013-office-key-audit-chain';

/**
 * A backup as the version before the office key wrote it: format 1, no signature, a database without key or hash
 * chain (one office setting, one audit row).
 */
export async function oldFormatBackup(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-old-'));
  try {
    const file = join(dir, 'dibao.sqlite');
    const before = migrations.indexOf(migration013);
    const db = openDatabase(file, migrations.slice(0, before));
    db.prepare("INSERT INTO settings (key, value) VALUES ('office', ?)").run(JSON.stringify({ townshipName: '清河镇人民政府', officeName: '清河镇民政所' }));
    db.prepare("INSERT INTO audit_log (at, actor, actor_role, command, entity_type) VALUES ('2025-01-01T00:00:00Z', '管理员', 'admin', 'settings-update', 'settings')").run();
    db.pragma('journal_mode = DELETE');
    db.close();
    const snap = readFileSync(file);
    const zip = new JSZip();
    zip.file('dibao.sqlite', snap);
    zip.file(
      'backup.json',
      JSON.stringify({
        format: 'dibao-backup',
        version: 1,
        createdAt: '2025-01-01T00:00:00Z',
        kind: 'manual',
        appVersion: '0.1.0',
        schemaVersion: before,
        officeName: '清河镇人民政府',
        counts: { households: 0, persons: 0, cases: 0, documents: 0, attachments: 0 },
        files: [{ path: 'dibao.sqlite', size: snap.length, sha256: sha256Hex(snap) }],
      }),
    );
    return await zip.generateAsync({ type: 'nodebuffer' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
