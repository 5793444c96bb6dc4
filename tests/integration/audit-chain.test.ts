// The audit log's hash chain (issue 11). The attacker here has the database file: drops the append-only
// triggers, edits, deletes or inserts rows (re-hashing where that helps), puts the triggers back. verify-audit and
// the app's check at start must name the first broken row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainStatus } from '../../src/contract';
import { runCli, type Io } from '../../src/cli/main';
import { openApp } from '../../src/services/app';
import { appendAudit } from '../../src/store/audit';
import { auditRowHash, GENESIS_HASH, verifyAuditChain, type ChainedContent } from '../../src/store/audit-chain';
import { openDatabase, type Db } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';
import { migration013 } from '../../src/store/migrations/013-office-key-audit-chain';
import { getOfficeKey } from '../../src/store/office-key';
import { ok, tempApp } from '../helpers/temp-app';

const admin = { id: 1, name: '管理员', role: 'admin' as const, villageId: null };
const clerk = { id: 2, name: '经办员', role: 'clerk' as const, villageId: null };
let app: ReturnType<typeof tempApp>;

function captureIo(): Io & { out: string[]; err: string[] } {
  const o: string[] = [];
  const e: string[] = [];
  return { stdin: process.stdin, stdout: (s) => o.push(s), stderr: (s) => e.push(s), out: o, err: e };
}

const row = (i: number) => ({
  at: `2026-03-20T08:00:${String(i % 60).padStart(2, '0')}Z`,
  actor: '经办员',
  actorRole: 'clerk',
  command: 'household-update',
  entityType: 'household',
  entityId: i,
  before: { address: `${i}号` },
  after: { address: `${i}号之一` },
});

/** Twenty rows of history, ids 1–20. */
function seed(db: Db) {
  for (let i = 1; i <= 20; i++) appendAudit(db, row(i));
}

/** What someone with the file does: the append-only triggers off, the change, the triggers back on. */
function tamper(db: Db, change: (db: Db) => void) {
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { sql: string }[];
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_chain;');
  change(db);
  for (const t of triggers) db.exec(t.sql);
}

const stored = (db: Db, id: number) =>
  db.prepare('SELECT id, at, actor, actor_role, command, entity_type, entity_id, before_json, after_json, prev_hash, hash FROM audit_log WHERE id = ?').get(id) as ChainedContent & {
    prev_hash: string;
    hash: string;
  };

async function verifyCli(dir: string) {
  const io = captureIo();
  const code = await runCli(['verify-audit', '--data-dir', dir], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

beforeEach(() => {
  app = tempApp();
  seed(app.db);
});
afterEach(() => app.dispose());

describe('审计日志哈希链', () => {
  it('an intact chain passes: verify-audit exits 0 and prints the head; the store refuses an update or delete', async () => {
    const r = verifyAuditChain(app.db);
    expect(r).toMatchObject({ ok: true, rows: 20, head: { id: 20 }, broken: null });
    expect(stored(app.db, 1).prev_hash).toBe(GENESIS_HASH);
    expect(stored(app.db, 2).prev_hash).toBe(stored(app.db, 1).hash);
    const cli = await verifyCli(app.dir);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('审计日志完好：共 20 条');
    expect(cli.out).toContain(`链头：第 20 条，哈希 ${stored(app.db, 20).hash}`);
    expect(() => app.db.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 3").run()).toThrow(/不可修改/);
    expect(() => app.db.prepare('DELETE FROM audit_log WHERE id = 20').run()).toThrow(/不可删除/);
  });

  it('an edited row is named, also when the forger re-hashed that row', async () => {
    tamper(app.db, (db) => db.prepare("UPDATE audit_log SET after_json = '{\"address\":\"伪造\"}' WHERE id = 9").run());
    expect(verifyAuditChain(app.db).broken).toMatchObject({ id: 9, kind: 'altered' });
    const cli = await verifyCli(app.dir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('首个断点：第 9 条（被改动）');

    // Re-hashing the edited row itself moves nothing: the next row still points to the old hash.
    tamper(app.db, (db) => {
      const r = stored(db, 9);
      db.prepare('UPDATE audit_log SET hash = ? WHERE id = 9').run(auditRowHash(r.prev_hash, r));
    });
    expect(verifyAuditChain(app.db).broken).toMatchObject({ id: 9, kind: 'altered' });
  });

  it('a deleted row is named by its id, also the first one', async () => {
    tamper(app.db, (db) => db.prepare('DELETE FROM audit_log WHERE id = 10').run());
    expect(verifyAuditChain(app.db).broken).toMatchObject({ id: 10, kind: 'deleted' });
    const cli = await verifyCli(app.dir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('第 10 条审计记录已被删除');

    const other = tempApp();
    try {
      seed(other.db);
      tamper(other.db, (db) => db.prepare('DELETE FROM audit_log WHERE id IN (1, 2, 3)').run());
      expect(verifyAuditChain(other.db).broken).toMatchObject({ id: 1, kind: 'deleted', message: expect.stringContaining('第 1–3 条') });
    } finally {
      other.dispose();
    }
  });

  it('an inserted row is named: one slipped into the middle with its ids shifted and its hash computed, and one appended without a hash', async () => {
    tamper(app.db, (db) => {
      // Make room at id 7 (highest first, so no id collides), then insert a well-hashed row linked to row 6.
      for (let id = 20; id >= 7; id--) db.prepare('UPDATE audit_log SET id = ? WHERE id = ?').run(id + 1, id);
      const prev = stored(db, 6).hash;
      const forged: ChainedContent = {
        id: 7,
        at: '2026-03-20T08:00:06Z',
        actor: '管理员',
        actor_role: 'admin',
        command: 'case-approve',
        entity_type: 'case',
        entity_id: 99,
        before_json: null,
        after_json: '{"decision":"approve"}',
      };
      db.prepare(
        `INSERT INTO audit_log (id, at, actor, actor_role, command, entity_type, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (@id, @at, @actor, @actor_role, @command, @entity_type, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
      ).run({ ...forged, prev_hash: prev, hash: auditRowHash(prev, forged) });
    });
    expect(verifyAuditChain(app.db).broken).toMatchObject({ id: 7, kind: 'inserted' });
    const cli = await verifyCli(app.dir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('首个断点：第 7 条（被插入）');

    const other = tempApp();
    try {
      seed(other.db);
      tamper(other.db, (db) =>
        db.prepare("INSERT INTO audit_log (at, actor, actor_role, command, entity_type) VALUES ('2026-03-21T00:00:00Z', '管理员', 'admin', 'user-create', 'user')").run(),
      );
      expect(verifyAuditChain(other.db).broken).toMatchObject({ id: 21, kind: 'unhashed' });
      // The office keeps working after such a row (appends continue the chain); the walk still reports it.
      appendAudit(other.db, row(22));
      expect(verifyAuditChain(other.db).broken).toMatchObject({ id: 21 });
    } finally {
      other.dispose();
    }
  });

  it('rows cut from the end, or a chain re-hashed from an edit on, are found against a head recorded earlier (--head)', async () => {
    const head = `20:${stored(app.db, 20).hash}`;
    const withHead = async () => {
      const io = captureIo();
      return { code: await runCli(['verify-audit', '--data-dir', app.dir, '--head', head], io), out: io.out.join('') };
    };
    expect(await withHead()).toMatchObject({ code: 0, out: expect.stringContaining('（第 20 条）在链中') });
    appendAudit(app.db, row(21));
    expect((await withHead()).code).toBe(0);

    // Re-hash everything from an edit of row 3 on: the chain walks clean, the recorded head no longer matches.
    tamper(app.db, (db) => {
      db.prepare("UPDATE audit_log SET actor = '他人' WHERE id = 3").run();
      let prev = stored(db, 2).hash;
      for (let id = 3; id <= 21; id++) {
        const r = stored(db, id);
        const hash = auditRowHash(prev, r);
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, id);
        prev = hash;
      }
    });
    expect(verifyAuditChain(app.db).ok).toBe(true);
    expect(await withHead()).toMatchObject({ code: 1, out: expect.stringContaining('第 20 条的哈希与指定的链头不符') });

    // Cut the last rows: the recorded head is gone.
    tamper(app.db, (db) => db.prepare('DELETE FROM audit_log WHERE id >= 18').run());
    expect(verifyAuditChain(app.db).ok).toBe(true);
    expect(await withHead()).toMatchObject({ code: 1, out: expect.stringContaining('末尾的记录被删除了') });
    expect(await runCli(['verify-audit', '--data-dir', app.dir, '--head', 'nonsense'], captureIo())).toBe(2);
  });

  it('the app checks the chain at start; the administrator sees the break, others may not ask', async () => {
    const dir = app.dir;
    expect(ok<AuditChainStatus>(await app.call('audit-chain-status', { recheck: true }, admin))).toMatchObject({ ok: true, rows: 20, broken: null });
    expect(await app.call('audit-chain-status', {}, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    tamper(app.db, (db) => db.prepare("UPDATE audit_log SET actor = '他人' WHERE id = 4").run());
    // The last walk's result stays until asked to walk again.
    expect(ok<AuditChainStatus>(await app.call('audit-chain-status', {}, admin)).ok).toBe(true);
    expect(ok<AuditChainStatus>(await app.call('audit-chain-status', { recheck: true }, admin)).broken).toMatchObject({ id: 4, kind: 'altered' });

    const reopened = openApp({ dataDir: dir, clock: () => new Date('2026-03-21T08:00:00Z') });
    try {
      const s = ok<AuditChainStatus>(await reopened.call('audit-chain-status', {}, admin));
      expect(s).toMatchObject({ ok: false, rows: 20, broken: { id: 4 }, checkedAt: '2026-03-21T08:00:00.000Z' });
    } finally {
      reopened.close();
    }
  });

  it('verify-audit refuses a folder without a database, and never migrates the file it checks', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dibao-va-'));
    try {
      expect((await verifyCli(empty)).code).toBe(2);
      const before = migrations.indexOf(migration013);
      openDatabase(join(empty, 'dibao.sqlite'), migrations.slice(0, before)).close();
      const old = await verifyCli(empty);
      expect(old.code).toBe(2);
      expect(old.err).toContain('尚无哈希链');
      const db = openDatabase(join(empty, 'dibao.sqlite'), migrations.slice(0, before));
      expect(db.pragma('user_version', { simple: true })).toBe(before);
      db.close();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('migration 13', () => {
  it('chains the rows of an existing log in order, makes the office key once, and keeps the log append-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-mig13-'));
    try {
      const file = join(dir, 'x.sqlite');
      const before = migrations.indexOf(migration013);
      const old = openDatabase(file, migrations.slice(0, before));
      const insert = old.prepare(
        "INSERT INTO audit_log (at, actor, actor_role, command, entity_type, entity_id, before_json, after_json) VALUES (?, '经办员', 'clerk', 'household-update', 'household', ?, NULL, ?)",
      );
      for (let i = 1; i <= 50; i++) insert.run(`2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, i, JSON.stringify({ n: i }));
      old.close();

      const db = openDatabase(file, migrations.slice(0, before + 1));
      const r = verifyAuditChain(db);
      expect(r).toMatchObject({ ok: true, rows: 50, head: { id: 50 } });
      expect(stored(db, 1).prev_hash).toBe(GENESIS_HASH);
      const key = getOfficeKey(db)!;
      expect(key.fingerprint).toMatch(/^[0-9A-F]{64}$/);
      expect(key.publicKey).toHaveLength(32);
      expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 1").run()).toThrow(/不可修改/);
      expect(() => db.prepare("UPDATE office_key SET fingerprint = 'x'").run()).toThrow(/不可更改/);
      appendAudit(db, row(51));
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 51 });
      db.close();
      // Reopening keeps the same key.
      const again = openDatabase(file);
      expect(getOfficeKey(again)!.fingerprint).toBe(key.fingerprint);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
