// Where the office's data proves itself (issue 11): the office key's fingerprint for 本镇设置, and the audit
// chain's status, walked once when the database opens (openApp and after a restore) and on demand.
import { AppError, type AuditChainStatus, type OfficeKeyInfo } from '../contract';
import { groupFingerprint } from '../exchange/signing';
import { verifyAuditChain } from '../store/audit-chain';
import type { Db } from '../store/db';
import { getOfficeKey } from '../store/office-key';
import { nowIso, type Clock, type Ctx } from './context';

/** The last walk of each open database; a reopened database (restore) is a new object and is walked afresh. */
const lastWalk = new WeakMap<Db, AuditChainStatus>();

export function checkAuditChain(db: Db, clock: Clock): AuditChainStatus {
  const started = performance.now();
  const report = verifyAuditChain(db);
  const status: AuditChainStatus = { ...report, checkedAt: nowIso(clock), elapsedMs: Math.round((performance.now() - started) * 10) / 10 };
  lastWalk.set(db, status);
  return status;
}

export function auditChainStatus(ctx: Ctx, input: { recheck?: boolean | undefined }): AuditChainStatus {
  const known = input.recheck ? undefined : lastWalk.get(ctx.db);
  return known ?? checkAuditChain(ctx.db, ctx.clock);
}

export function officeKeyGet(ctx: Ctx): OfficeKeyInfo {
  const key = getOfficeKey(ctx.db);
  if (!key) throw new AppError('INTEGRITY', '数据库中没有本所签名密钥（数据库可能被人改动过），请从备份恢复');
  return {
    algorithm: key.algorithm,
    fingerprint: key.fingerprint,
    fingerprintGrouped: groupFingerprint(key.fingerprint),
    publicKey: key.publicKey.toString('base64'),
    createdAt: key.createdAt,
  };
}
