// Migration 13 (issue 11): the office's signing key, and the audit log's hash chain. A function, not SQL: the
// existing rows are hashed in order and the key pair is made with node:crypto, in the migration's transaction.
// Immutable once shipped; the hash it writes is defined in ../audit-chain.ts, whose canonical form never changes.
import { chainExistingRows, GENESIS_HASH } from '../audit-chain';
import { generateOfficeKey, insertOfficeKey } from '../office-key';
import type { Migration } from './migration';

export const migration013: Migration = (db) => {
  db.exec(`
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- The one-off chaining below updates every row; the append-only rule comes back right after.
DROP TRIGGER audit_log_no_update;
`);
  chainExistingRows(db);
  db.exec(`
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;

-- Only an append at the end of the chain: the next id, linked to the last row's hash, with a hash of its own.
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL OR length(NEW.hash) != 64
  OR NEW.id IS NOT coalesce((SELECT max(id) FROM audit_log), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, '审计日志只能按哈希链在末尾追加'); END;

-- The office's Ed25519 key pair: one row, never replaced.
CREATE TABLE office_key (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  algorithm TEXT NOT NULL CHECK (algorithm = 'Ed25519'),
  public_key TEXT NOT NULL,
  private_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
  created_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER office_key_no_update BEFORE UPDATE ON office_key
BEGIN SELECT RAISE(ABORT, '本所签名密钥不可更改'); END;
CREATE TRIGGER office_key_no_delete BEFORE DELETE ON office_key
BEGIN SELECT RAISE(ABORT, '本所签名密钥不可删除'); END;
`);
  insertOfficeKey(db, generateOfficeKey(new Date().toISOString()));
};
