// The audit log's hash chain (issue 11). Each row stores `prev_hash` (the hash of the row before it, or GENESIS for
// the first) and `hash` = SHA-256 over a fixed tag, the previous hash and the row's canonical content. A changed,
// removed or inserted row breaks the chain at that point; the append-only triggers stop the program itself from
// doing any of it, the chain lets anyone find it afterwards when someone bypassed the program with the file.
//
// The canonical form is a file format: rows hashed years ago must still verify, so it never changes. A new form
// would need a new tag and a migration that re-anchors the chain.
import { createHash, hash as oneShotHash } from 'node:crypto';
// The database type straight from the driver: this module is imported by a migration, so not from ./db (a cycle).
import type Database from 'better-sqlite3';

type Db = Database.Database;

export const AUDIT_CHAIN_TAG = 'dibao-audit-v1';
export const GENESIS_HASH = '0'.repeat(64);

/** The stored columns that the hash covers, exactly as they are in the table. */
export type ChainedContent = {
  id: number;
  at: string;
  actor: string;
  actor_role: string;
  command: string;
  entity_type: string;
  entity_id: number | null;
  before_json: string | null;
  after_json: string | null;
};

/** JSON of a fixed-order array: unambiguous (strings are quoted and escaped) and the same in every Node version. */
export function canonicalAuditContent(r: ChainedContent): string {
  return JSON.stringify([r.id, r.at, r.actor, r.actor_role, r.command, r.entity_type, r.entity_id, r.before_json, r.after_json]);
}

/** One-shot hashing (Node ≥ 20.12) saves an object per row: the start-up walk hashes every row of the log. */
const sha256Hex: (text: string) => string =
  typeof oneShotHash === 'function' ? (text) => oneShotHash('sha256', text, 'hex') : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const hashCanonical = (prevHash: string, canonical: string): string => sha256Hex(`${AUDIT_CHAIN_TAG}\n${prevHash}\n${canonical}`);

export function auditRowHash(prevHash: string, r: ChainedContent): string {
  return hashCanonical(prevHash, canonicalAuditContent(r));
}

export type ChainHead = { id: number; hash: string };

/**
 * The last row's id and hash; id 0 and GENESIS for an empty log. A last row without a hash (written around the
 * program) also continues from GENESIS, as the insert trigger expects: the office keeps working, and the walk
 * still reports that row.
 */
export function auditChainHead(db: Db): ChainHead {
  const r = statements(db).head.get() as { id: number; hash: string | null } | undefined;
  return r ? { id: r.id, hash: r.hash ?? GENESIS_HASH } : { id: 0, hash: GENESIS_HASH };
}

export type ChainBreakKind = 'altered' | 'deleted' | 'inserted' | 'unhashed';

export type ChainBreak = {
  /** The row named as broken: the altered or inserted row, or the first missing id of a deletion. */
  id: number;
  kind: ChainBreakKind;
  /** One Chinese sentence for the administrator. */
  message: string;
};

export type ChainReport = { ok: boolean; rows: number; head: ChainHead; broken: ChainBreak | null };

type StoredRow = ChainedContent & { prev_hash: string | null; hash: string | null };

const COLUMNS = 'id, at, actor, actor_role, command, entity_type, entity_id, before_json, after_json, prev_hash, hash';

/**
 * Walks the whole chain in id order and names the first break. The walk is one pass over the table (no lookups),
 * except at a break, where one scan finds where the row's prev_hash points.
 */
export function verifyAuditChain(db: Db): ChainReport {
  let prevId = 0;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  // Raw arrays in COLUMNS order: the fast path checks each row with no object per row; any doubt goes to checkRow.
  const stmt = db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).raw();
  for (const r of stmt.iterate() as IterableIterator<RawRow>) {
    rows++;
    const stored = r[10];
    const intact =
      stored !== null &&
      r[9] === prevHash &&
      hashCanonical(prevHash, JSON.stringify([r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]])) === stored;
    if (!intact) {
      const broken = checkRow(db, { id: prevId, hash: prevHash }, toStored(r));
      if (broken) return { ok: false, rows: countRows(db), head: auditChainHead(db), broken };
    }
    prevId = r[0];
    prevHash = stored!;
  }
  return { ok: true, rows, head: { id: prevId, hash: prevHash }, broken: null };
}

type RawRow = [number, string, string, string, string, string, number | null, string | null, string | null, string | null, string | null];

const toStored = (r: RawRow): StoredRow => ({
  id: r[0],
  at: r[1],
  actor: r[2],
  actor_role: r[3],
  command: r[4],
  entity_type: r[5],
  entity_id: r[6],
  before_json: r[7],
  after_json: r[8],
  prev_hash: r[9],
  hash: r[10],
});

const countRows = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

function checkRow(db: Db, prev: { id: number; hash: string }, r: StoredRow): ChainBreak | null {
  if (r.hash === null || r.prev_hash === null) {
    return { id: r.id, kind: 'unhashed', message: `第 ${r.id} 条审计记录没有哈希：它是绕过本程序直接写入数据库的` };
  }
  const selfConsistent = auditRowHash(r.prev_hash, r) === r.hash;
  if (r.prev_hash !== prev.hash) {
    // Where does this row point? To an earlier row than the one before it: the rows in between were inserted.
    const target =
      r.prev_hash === GENESIS_HASH
        ? { id: 0 }
        : (db.prepare('SELECT id FROM audit_log WHERE hash = ? AND id < ? ORDER BY id DESC LIMIT 1').get(r.prev_hash, r.id) as { id: number } | undefined);
    if (target && target.id < prev.id) {
      const first = (db.prepare('SELECT min(id) AS id FROM audit_log WHERE id > ?').get(target.id) as { id: number }).id;
      return { id: first, kind: 'inserted', message: `第 ${first} 条审计记录是后来插入的（其后一条记录原本紧接第 ${target.id} 条）` };
    }
    if (r.id > prev.id + 1) {
      const missing = prev.id + 1;
      const range = r.id - 1 > missing ? `第 ${missing}–${r.id - 1} 条` : `第 ${missing} 条`;
      return { id: missing, kind: 'deleted', message: `${range}审计记录已被删除（第 ${r.id} 条指向的前一条记录不存在）` };
    }
    if (selfConsistent && prev.id > 0) {
      // This row is intact and points to a hash the row before no longer has: that row was changed and re-hashed.
      return { id: prev.id, kind: 'altered', message: `第 ${prev.id} 条审计记录已被改动（其哈希被重新计算，与下一条记录不衔接）` };
    }
    return { id: r.id, kind: 'altered', message: `第 ${r.id} 条审计记录已被改动或伪造（与前一条记录的哈希不衔接）` };
  }
  if (!selfConsistent) return { id: r.id, kind: 'altered', message: `第 ${r.id} 条审计记录已被改动（内容与其哈希不符）` };
  return null;
}

/** Every write appends a row: its two statements are compiled once per open database. */
const cache = new WeakMap<Db, { head: Database.Statement; insert: Database.Statement }>();
function statements(db: Db) {
  let s = cache.get(db);
  if (!s) {
    s = {
      head: db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (id, at, actor, actor_role, command, entity_type, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (@id, @at, @actor, @actor_role, @command, @entity_type, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/** Appends one row at the end of the chain (the caller is inside a transaction or a single statement). */
export function insertChained(db: Db, content: Omit<ChainedContent, 'id'>): ChainHead {
  const head = auditChainHead(db);
  const row: ChainedContent = { id: head.id + 1, ...content };
  const hash = auditRowHash(head.hash, row);
  statements(db).insert.run({ ...row, prev_hash: head.hash, hash });
  return { id: row.id, hash };
}

/** Chains the rows of a log written before the chain existed (migration 13), in id order. */
export function chainExistingRows(db: Db): number {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`).all() as StoredRow[];
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = auditRowHash(prev, r);
    update.run(prev, hash, r.id);
    prev = hash;
  }
  return rows.length;
}
