// The office's Ed25519 key pair (issue 11): made once, when the database is created or first opened after the
// upgrade (migration 13), and kept in the database so that it travels with every backup and a restore on a new PC
// keeps it. A trigger keeps it from being replaced by the program; there is no command that changes it.
import { createHash, generateKeyPairSync } from 'node:crypto';
// The database type straight from the driver: this module is imported by a migration, so not from ./db (a cycle).
import type Database from 'better-sqlite3';

type Db = Database.Database;

export type OfficeKey = {
  algorithm: 'Ed25519';
  /** The raw 32-byte public key. */
  publicKey: Buffer;
  /** PKCS#8 DER of the private key. */
  privateKey: Buffer;
  /** Hex SHA-256 of the raw public key, upper case. */
  fingerprint: string;
  createdAt: string;
};

export const keyFingerprint = (rawPublicKey: Uint8Array): string => createHash('sha256').update(rawPublicKey).digest('hex').toUpperCase();

export function generateOfficeKey(createdAt: string): OfficeKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.from(jwk.x!, 'base64url');
  return {
    algorithm: 'Ed25519',
    publicKey: raw,
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }),
    fingerprint: keyFingerprint(raw),
    createdAt,
  };
}

export function insertOfficeKey(db: Db, key: OfficeKey): void {
  db.prepare('INSERT INTO office_key (id, algorithm, public_key, private_key, fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?)').run(
    key.algorithm,
    key.publicKey.toString('base64'),
    key.privateKey.toString('base64'),
    key.fingerprint,
    key.createdAt,
  );
}

type Row = { algorithm: string; public_key: string; private_key: string; fingerprint: string; created_at: string };

/** The office key, or null in a database older than migration 13 (a backup's snapshot, read-only). */
export function getOfficeKey(db: Db): OfficeKey | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'office_key'").get();
  if (!table) return null;
  const r = db.prepare('SELECT algorithm, public_key, private_key, fingerprint, created_at FROM office_key WHERE id = 1').get() as Row | undefined;
  if (!r || r.algorithm !== 'Ed25519') return null;
  return {
    algorithm: 'Ed25519',
    publicKey: Buffer.from(r.public_key, 'base64'),
    privateKey: Buffer.from(r.private_key, 'base64'),
    fingerprint: r.fingerprint,
    createdAt: r.created_at,
  };
}

/** The key every database at schema 13 or later has; its absence means the file was tampered with. */
export function requireOfficeKey(db: Db): OfficeKey {
  const key = getOfficeKey(db);
  if (!key) throw new Error('数据库中没有本所签名密钥（数据库可能被改动过），不能签名');
  return key;
}
