import type { Policy } from '../domain/policy';
import type { Db } from './db';

export type PolicyRecord = { policy: Policy; createdAt: string; createdBy: string };

type Row = { policy_json: string; created_at: string; created_by: string };

/** All versions in the order they were recorded (policyInForce breaks effective-date ties by this order). */
export function listPolicies(db: Db): PolicyRecord[] {
  return (db.prepare('SELECT policy_json, created_at, created_by FROM policy_versions ORDER BY id').all() as Row[]).map((r) => ({
    policy: JSON.parse(r.policy_json) as Policy,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

export function countPolicies(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM policy_versions').get() as { n: number }).n;
}

export function insertPolicy(db: Db, policy: Policy, at: string, by: string): void {
  db.prepare('INSERT INTO policy_versions (version, effective_from, policy_json, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
    policy.version,
    policy.effectiveFrom,
    JSON.stringify(policy),
    at,
    by,
  );
}

export function hasPolicyVersion(db: Db, version: string): boolean {
  return db.prepare('SELECT 1 FROM policy_versions WHERE version = ?').get(version) !== undefined;
}
