// Signatures on what leaves the office PC (issue 11): a filing package's manifest.json and a backup's backup.json
// are signed with the office's Ed25519 key (src/store/office-key.ts). The signature travels beside the signed file
// as a small JSON document naming the office, the public key and its fingerprint, so the county (or a restore)
// can check it with nothing but the package. Checking the signature proves the bytes were signed by that key;
// that the key is the office's is what the fingerprint on the stamped paper (备案报送单) or `--key` settles.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { Db } from '../store/db';
import { keyFingerprint, requireOfficeKey, type OfficeKey } from '../store/office-key';

export const SIGNATURE_ALGORITHM = 'Ed25519';

/** Upper-case hex in groups of four, as printed on the cover sheet and shown in 本镇设置. */
export const groupFingerprint = (hex: string): string => (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');

/** What a clerk may type for `--key`: any spacing, colons or case; null unless it is a whole SHA-256. */
export function normalizeFingerprint(input: string): string | null {
  const hex = input.replace(/[\s:-]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : null;
}

export type Signer = { fingerprint: string; publicKey: Buffer; sign: (bytes: Uint8Array) => Buffer };

export function signerOf(key: OfficeKey): Signer {
  const privateKey = createPrivateKey({ key: key.privateKey, format: 'der', type: 'pkcs8' });
  return { fingerprint: key.fingerprint, publicKey: key.publicKey, sign: (bytes) => sign(null, bytes, privateKey) };
}

export const officeSigner = (db: Db): Signer => signerOf(requireOfficeKey(db));

/** Ed25519 check against a raw 32-byte public key; false (never a throw) for a malformed key or signature. */
export function verifyEd25519(rawPublicKey: Uint8Array, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (rawPublicKey.length !== 32 || signature.length !== 64) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(rawPublicKey).toString('base64url') }, format: 'jwk' });
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

/** A signature document: which file it signs, by which key, and the signature (base64). */
export type SignatureDoc = {
  format: 'dibao-signature';
  version: 1;
  algorithm: typeof SIGNATURE_ALGORITHM;
  signedFile: string;
  office: string | null;
  publicKey: string;
  fingerprint: string;
  signature: string;
};

export function makeSignatureDoc(signer: Signer, signedFile: string, bytes: Uint8Array, office: string | null): SignatureDoc {
  return {
    format: 'dibao-signature',
    version: 1,
    algorithm: SIGNATURE_ALGORITHM,
    signedFile,
    office,
    publicKey: signer.publicKey.toString('base64'),
    fingerprint: signer.fingerprint,
    signature: signer.sign(bytes).toString('base64'),
  };
}

export type SignatureCheck =
  | { status: 'valid'; fingerprint: string; office: string | null }
  | { status: 'missing' }
  | { status: 'invalid'; reason: string; fingerprint: string | null };

/**
 * Checks a signature document against the signed bytes. The fingerprint is recomputed from the public key: the
 * one written in the document is never trusted.
 */
export function checkSignatureDoc(docBytes: Uint8Array | undefined, signedFile: string, bytes: Uint8Array | undefined): SignatureCheck {
  if (!docBytes) return { status: 'missing' };
  let doc: Partial<SignatureDoc>;
  try {
    doc = JSON.parse(Buffer.from(docBytes).toString('utf8')) as Partial<SignatureDoc>;
  } catch {
    return { status: 'invalid', reason: '签名文件已损坏（不是有效的 JSON）', fingerprint: null };
  }
  if (doc?.format !== 'dibao-signature' || doc.version !== 1 || doc.algorithm !== SIGNATURE_ALGORITHM || typeof doc.publicKey !== 'string' || typeof doc.signature !== 'string') {
    return { status: 'invalid', reason: '签名文件格式不符', fingerprint: null };
  }
  const publicKey = Buffer.from(doc.publicKey, 'base64');
  const fingerprint = keyFingerprint(publicKey);
  if (doc.signedFile !== signedFile) return { status: 'invalid', reason: `签名文件签的不是 ${signedFile}`, fingerprint };
  if (!bytes) return { status: 'invalid', reason: `缺少被签名的文件 ${signedFile}`, fingerprint };
  if (!verifyEd25519(publicKey, bytes, Buffer.from(doc.signature, 'base64'))) {
    return { status: 'invalid', reason: `签名与 ${signedFile} 不符（文件在签名后被改动，或签名是伪造的）`, fingerprint };
  }
  return { status: 'valid', fingerprint, office: typeof doc.office === 'string' ? doc.office : null };
}

// ---------------------------------------------------------------- backups

/** The signature beside backup.json inside a backup. */
export const BACKUP_SIGNATURE_FILE = 'backup.sig.json';

export function signBackupManifest(db: Db, manifestBytes: Uint8Array, officeName: string | null): Buffer {
  const doc = makeSignatureDoc(officeSigner(db), 'backup.json', manifestBytes, officeName);
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
}

export type BackupProvenance = {
  signature: { status: 'valid' | 'unsigned'; fingerprint: string | null };
  /** Shown before a restore; the restore goes on. */
  warnings: string[];
  /** Why the backup must not be restored; null when it may. */
  refusal: string | null;
};

/** Shown before a restore of a backup made before the office key: it can be checked, not attributed. */
export const UNSIGNED_BACKUP_WARNING =
  '该备份由旧版程序制作，没有签名：只能核对其文件的 SHA-256，不能证明它出自本所、未被改动。请确认备份来源可靠。恢复后程序会为本所生成新的签名密钥，此后备案包上的密钥指纹随之改变（见本镇设置），请告知县民政局。';

/**
 * Checks a backup's signature against its backup.json, and both against the database inside. A backup must be
 * signed when its backup.json names a signer or its database has an office key: every program that had the key
 * signs, so an unsigned backup with a key inside is a doctored one (a signature stripped, or a signed backup
 * passed off as an old zip). Only a backup whose database is older than the key (migration 13) may be unsigned,
 * with a warning. The signer must be the key of the office whose database the backup carries.
 *
 * The format number says nothing here: an encrypted backup and an old zip carry the same signature rules, and
 * encrypted backups made between the encryption and the signature (no key in their database) stay restorable.
 */
export function verifyBackupManifest(input: {
  manifestBytes: Uint8Array;
  signatureBytes: Uint8Array | undefined;
  /** The fingerprint backup.json names as its signer (null: none named). */
  manifestSigner: string | null;
  /**
   * The office key in the backup's database (null: older than the key). Undefined before the database is
   * unpacked: then only the signature itself is checked, so a bad one is refused before anything is written.
   */
  snapshotFingerprint: string | null | undefined;
}): BackupProvenance {
  const check = checkSignatureDoc(input.signatureBytes, 'backup.json', input.manifestBytes);
  const mustBeSigned = input.manifestSigner !== null || (input.snapshotFingerprint !== null && input.snapshotFingerprint !== undefined);
  if (check.status === 'missing') {
    if (mustBeSigned) {
      return { signature: { status: 'unsigned', fingerprint: null }, warnings: [], refusal: '备份缺少签名（签名文件被删除或备份被改动过），不能证明出自本所，不能恢复。' };
    }
    return { signature: { status: 'unsigned', fingerprint: null }, warnings: input.snapshotFingerprint === undefined ? [] : [UNSIGNED_BACKUP_WARNING], refusal: null };
  }
  if (check.status === 'invalid') {
    return { signature: { status: 'unsigned', fingerprint: check.fingerprint }, warnings: [], refusal: `备份签名无效：${check.reason}，不能恢复。` };
  }
  const signature = { status: 'valid' as const, fingerprint: check.fingerprint };
  if (input.manifestSigner !== check.fingerprint) {
    return { signature, warnings: [], refusal: '备份说明文件中登记的签名密钥与签名不一致，备份可能被改动过，不能恢复。' };
  }
  if (input.snapshotFingerprint !== undefined && input.snapshotFingerprint !== check.fingerprint) {
    return { signature, warnings: [], refusal: '备份的签名密钥不是备份中数据库的本所密钥，备份可能被替换或改动过，不能恢复。' };
  }
  return { signature, warnings: [], refusal: null };
}
