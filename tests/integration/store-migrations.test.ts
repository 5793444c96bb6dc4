import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NewerDatabaseError, openDatabase } from '../../src/store/db';
import { migrations, SCHEMA_VERSION } from '../../src/store/migrations';
import { appendAudit } from '../../src/store/audit';
import { migration014 } from '../../src/store/migrations/014-screening-amounts';
import { migration015 } from '../../src/store/migrations/015-reassessment-facts';
import { migration017 } from '../../src/store/migrations/017-county';

const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'dibao-mig-'));
  dirs.push(d);
  return join(d, 'x.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('opening the database', () => {
  it('creates every table STRICT, in WAL mode with foreign keys on, at the current version', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['settings', 'villages', 'households', 'persons', 'audit_log']));
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('is idempotent: reopening runs no migration twice and keeps the data', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
    again.close();
  });

  it('migrates an older database step by step', () => {
    const file = tempFile();
    openDatabase(file, migrations.slice(0, 1)).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('migration 2 keeps version-1 households and gives them empty determination facts', () => {
    const file = tempFile();
    const v1 = openDatabase(file, migrations.slice(0, 1));
    v1.prepare("INSERT INTO villages (name, code, kind, created_at, updated_at) VALUES ('东山村', '100', 'village', 't', 't')").run();
    v1.prepare("INSERT INTO households (village_id, address, created_at, updated_at) VALUES (1, '1号', 't', 't')").run();
    v1.close();
    const db = openDatabase(file, migrations.slice(0, 2));
    expect(db.prepare('SELECT address, assets_compliant, other_monthly_income, medical_self_paid FROM households').get()).toEqual({
      address: '1号',
      assets_compliant: null,
      other_monthly_income: 0,
      medical_self_paid: null,
    });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('policy_versions', 'determinations')").get()).toEqual({ n: 2 });
    db.close();
  });

  it('refuses a database from a newer version with a Chinese message and does not modify it', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const bytes = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/高于本程序支持的版本/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('rolls back a migration that fails half-way', () => {
    const file = tempFile();
    const broken = [...migrations, 'CREATE TABLE ok_table (x INTEGER) STRICT; CREATE TABLE broken (;'];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok_table'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('keeps the audit log append-only, and appends only at the end of the hash chain', () => {
    const db = openDatabase(tempFile());
    appendAudit(db, { at: 't', actor: 'a', actorRole: 'admin', command: 'c', entityType: 'e', entityId: null, before: null, after: null });
    // A row written around the chain (no hash, or not linked to the last row) is refused by the database itself.
    expect(() =>
      db.prepare("INSERT INTO audit_log (at, actor, actor_role, command, entity_type) VALUES ('t', 'a', 'admin', 'c', 'e')").run(),
    ).toThrow(/哈希链/);
    expect(() =>
      db
        .prepare("INSERT INTO audit_log (id, at, actor, actor_role, command, entity_type, prev_hash, hash) VALUES (2, 't', 'a', 'admin', 'c', 'e', ?, ?)")
        .run('0'.repeat(64), 'f'.repeat(64)),
    ).toThrow(/哈希链/);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/审计日志不可修改/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/审计日志不可删除/);
    db.close();
  });
});

describe('migration 14 (issue 18)', () => {
  it('keeps the flags of earlier department lists, without amounts, and takes amounts on new rows', () => {
    const file = tempFile();
    const n = migrations.indexOf(migration014);
    const before = openDatabase(file, migrations.slice(0, n));
    before
      .prepare(
        `INSERT INTO screening_batches (source, file_name, sha256, imported_at, imported_by, row_count, flagged_count, skipped_count,
           warning_count, matched_count, new_households, updated_persons, mapping_json, diff_json)
         VALUES ('medical', '旧名单.xlsx', ?, 't', '经办', 1, 1, 0, 0, 1, 0, 0, '{}', '{}')`,
      )
      .run('a'.repeat(64));
    before.prepare("INSERT INTO screening_flags (batch_id, id_number, name, flag, row_number) VALUES (1, '1', '张三', 'serious-illness', 3)").run();
    before.close();
    const db = openDatabase(file, migrations.slice(0, n + 1));
    expect(db.prepare('SELECT name, self_paid, total_cost FROM screening_flags').get()).toEqual({ name: '张三', self_paid: null, total_cost: null });
    expect(() => db.prepare("INSERT INTO screening_flags (batch_id, id_number, name, flag, row_number, self_paid) VALUES (1, '2', '李四', 'serious-illness', 4, -1)").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});

describe('migration 015 (issue 16: the 残联 result written back)', () => {
  it('keeps objections and re-assessments recorded by name, with no member id and no before/after facts', async () => {
    const { getObjection, getReassessment } = await import('../../src/store/hearings');
    const file = tempFile();
    const before = openDatabase(file, migrations.slice(0, migrations.indexOf(migration015)));
    // Only the two rows matter here; their parents are outside this migration.
    before.pragma('foreign_keys = OFF');
    before
      .prepare(
        `INSERT INTO publicity_objections (id, batch_id, case_id, raised_by, raised_on, content, disputes_disability, disputed_person, recorded_at, recorded_by)
         VALUES (1, 1, 1, '郑某', '2026-09-29', '残疾等级不实', 1, '张三', 't', 'u')`,
      )
      .run();
    before
      .prepare(
        `INSERT INTO disability_reassessments (id, objection_id, case_id, person_name, sent_on, sent_by, result, result_on, result_by, created_at)
         VALUES (1, 1, 1, '张三', '2026-09-30', 'u', '维持肢体三级', '2026-10-15', 'u', 't')`,
      )
      .run();
    before.close();
    const db = openDatabase(file);
    expect(getObjection(db, 1)).toMatchObject({ disputedPerson: '张三', disputedPersonId: null });
    expect(getReassessment(db, 1)).toMatchObject({ personName: '张三', personId: null, result: '维持肢体三级', before: null, after: null, determinationId: null });
    db.close();
  });
});

describe('migration 017 (issue 15: county mode)', () => {
  it('makes an office that already has villages a township office, and leaves an empty one to choose at first start', () => {
    const n = migrations.indexOf(migration017);
    const used = tempFile();
    const before = openDatabase(used, migrations.slice(0, n));
    before.prepare("INSERT INTO villages (name, code, kind, groups_json, created_at, updated_at) VALUES ('东山村', '1', 'village', '[]', 't', 't')").run();
    before.close();
    const db = openDatabase(used, migrations.slice(0, n + 1));
    expect(db.prepare('SELECT mode, county_name FROM office_mode').get()).toEqual({ mode: 'township', county_name: null });
    expect(() => db.prepare("UPDATE office_mode SET mode = 'county'").run()).toThrow('单位类型选定后不能更改');
    db.close();
    const empty = openDatabase(tempFile(), migrations.slice(0, n + 1));
    expect(empty.prepare('SELECT count(*) AS n FROM office_mode').get()).toEqual({ n: 0 });
    empty.close();
  });
});
