// Where the office's data proves itself (issue 11): the office key's fingerprint for 本镇设置, and the audit
// chain's status, walked once when the database opens (openApp and after a restore) and on demand.
import { AppError, type AuditChainStatus, type OfficeKeyInfo } from '../contract';
import { groupFingerprint } from '../exchange/signing';
import { walkAuditChainOffThread } from '../exchange/maintenance-runner';
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

/** Below this many audit rows the walk stays on this thread (≈ 60 ms at 5,000 rows; 1.6 s at 140,000). */
const WALK_HERE_BELOW_ROWS = 5_000;

const auditRowCount = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

/** Walks in progress off the server's thread (the walk at start, a recheck), by database. */
const walking = new WeakMap<Db, Promise<AuditChainStatus>>();

/**
 * Walks the chain in the maintenance worker (issue 13: 1.6 s at 100,000 persons, on the server's thread at every
 * start). The start answers its first request meanwhile; `audit-chain-status` waits for the walk.
 */
export function walkAuditChainInBackground(db: Db, clock: Clock): Promise<AuditChainStatus> {
  const running = walking.get(db);
  if (running) return running;
  // A small log is walked here in a few milliseconds, cheaper than starting the worker (and every test's office is
  // small); a county's 140,000 rows take 1.6 s and go to the worker.
  if (db.memory || auditRowCount(db) < WALK_HERE_BELOW_ROWS) return Promise.resolve(checkAuditChain(db, clock));
  const started = performance.now();
  const walk = walkAuditChainOffThread(db.name).then(
    (report) => {
      const status: AuditChainStatus = { ...report, checkedAt: nowIso(clock), elapsedMs: Math.round((performance.now() - started) * 10) / 10 };
      if (db.open) lastWalk.set(db, status);
      return status;
    },
    // The worker could not run (it died, or could not open the file): walk here rather than say nothing.
    () => walkHereOrSayUnreadable(db, clock),
  );
  walking.set(db, walk);
  const done = () => {
    if (walking.get(db) === walk) walking.delete(db);
  };
  walk.then(done, done);
  return walk;
}

/** Never throws: the walk at start runs unawaited, and a database closed meanwhile (tests, quit) is no error. */
function walkHereOrSayUnreadable(db: Db, clock: Clock): AuditChainStatus {
  try {
    return checkAuditChain(db, clock);
  } catch {
    return {
      ok: false,
      rows: 0,
      head: { id: 0, hash: '' },
      broken: { id: 0, kind: 'altered', message: '审计日志无法读取，请联系技术人员' },
      checkedAt: nowIso(clock),
      elapsedMs: 0,
    };
  }
}

export async function auditChainStatus(ctx: Ctx, input: { recheck?: boolean | undefined }): Promise<AuditChainStatus> {
  if (!input.recheck) {
    const known = lastWalk.get(ctx.db);
    if (known) return known;
  }
  return walkAuditChainInBackground(ctx.db, ctx.clock);
}

/**
 * The walk of the open database: the last one, else the one in progress (a restore's reopen starts it in the
 * maintenance worker), else one now.
 */
export async function chainStatusSettled(db: Db, clock: Clock): Promise<AuditChainStatus> {
  return lastWalk.get(db) ?? walkAuditChainInBackground(db, clock);
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
