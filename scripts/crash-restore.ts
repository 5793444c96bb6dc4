// The kill-at-every-step restore test (issue 11), shared by tests/integration/restore-crash.test.ts and
// `npm run bench -- crash`. An office ("old") and a backup of it taken earlier ("new", which differs in the
// database, documents/ and attachments/) are made once; then for every step of a restore — unpacking, the safety
// backup, the journal, each rename, the reopen, the commit, the clean-up — a copy of the old office is restored
// in a child process that SIGKILLs itself at that step. The office is then opened again as the app would be, and
// must be entirely the old one (killed before the commit) or entirely the new one (after), with nothing left over
// and an audit chain that walks clean.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackupItem, DocumentView } from '../src/contract';
import { openApp } from '../src/services/app';
import { verifyAuditChain } from '../src/store/audit-chain';
import { addAttachment, backupWorld, leftovers, officeFingerprint } from '../tests/helpers/backup-office';
import { clerk } from '../tests/helpers/filing-world';
import { ok } from '../tests/helpers/temp-app';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHILD = join(ROOT, 'scripts', 'crash-restore-child.ts');
const AT = '2026-03-20T08:00:00Z';

export type CrashRun = {
  step: string;
  killed: boolean;
  expected: 'old' | 'new';
  outcome: 'old' | 'new' | 'broken';
  problems: string[];
  leftovers: string[];
  intact: boolean;
};

type Offices = { root: string; template: string; backup: string; oldPrint: string; newPrint: string };

/** The old office (template folder, closed) and the backup of its earlier state. */
export async function prepareOffices(): Promise<Offices> {
  const root = mkdtempSync(join(tmpdir(), 'dibao-crash-'));
  const template = join(root, 'template');
  const app = openApp({ dataDir: template, clock: () => new Date(AT) });
  try {
    const caseId = await backupWorld(app);
    mkdirSync(join(root, 'usb'));
    const item = ok<BackupItem>(await app.call('backup-create', { destination: join(root, 'usb') }));
    const newPrint = officeFingerprint(template).fingerprint;
    // After the backup the office changes in all three places: the database, documents/, attachments/.
    await addAttachment(app, caseId, '补充材料.png', 7);
    const villages = ok<{ id: number }[]>(await app.call('village-list', {}, clerk));
    ok<DocumentView>(await app.call('document-issue', { kind: 'public-notice', villageId: villages[0]!.id, options: { noticeKind: 'long-term' } }, clerk));
    app.db.prepare("UPDATE villages SET name = name || '（现）'").run();
    const oldPrint = officeFingerprint(template).fingerprint;
    if (oldPrint === newPrint) throw new Error('the two offices must differ');
    return { root, template, backup: item.path, oldPrint, newPrint };
  } finally {
    app.close();
  }
}

function runStep(o: Offices, step: string, expected: 'old' | 'new'): CrashRun {
  const work = join(o.root, `run-${step}`);
  cpSync(o.template, work, { recursive: true });
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, work, o.backup], {
    cwd: ROOT,
    env: { ...process.env, DIBAO_TEST_CRASH_AT: step },
    encoding: 'utf8',
  });
  if (child.error) throw child.error;
  const killed = child.signal === 'SIGKILL';
  if (!killed && child.status !== 0) throw new Error(`restore child failed at ${step}: ${child.stderr}`);
  // Start the office again, as the app would after the crash.
  let problems: string[];
  let outcome: CrashRun['outcome'];
  try {
    const again = openApp({ dataDir: work });
    // Whole includes the audit log: its hash chain must walk clean in whichever office came back.
    const chain = verifyAuditChain(again.db);
    again.close();
    const print = officeFingerprint(work);
    problems = [...print.problems, ...(chain.ok ? [] : [`审计日志哈希链断裂：${chain.broken?.message ?? ''}`])];
    outcome = print.fingerprint === o.oldPrint ? 'old' : print.fingerprint === o.newPrint ? 'new' : 'broken';
  } catch (err) {
    problems = [err instanceof Error ? err.message : String(err)];
    outcome = 'broken';
  }
  const left = leftovers(work);
  rmSync(work, { recursive: true, force: true });
  return { step, killed, expected, outcome, problems, leftovers: left, intact: outcome === expected && problems.length === 0 && left.length === 0 };
}

/** Kills the restore at every step; the last run is not killed (the steps after the last rename have passed). */
export async function runCrashMatrix(log: (line: string) => void = () => undefined): Promise<{ runs: CrashRun[]; kills: number; intact: number }> {
  const o = await prepareOffices();
  try {
    const runs: CrashRun[] = [];
    const run = (step: string, expected: 'old' | 'new', quietIfNotKilled = false) => {
      const r = runStep(o, step, expected);
      if (quietIfNotKilled && !r.killed) return r;
      log(`${r.step.padEnd(15)}${r.killed ? '已终止' : '未终止'}  → ${r.outcome === 'old' ? '原有数据' : r.outcome === 'new' ? '恢复后的数据' : '不完整！'}${r.intact ? '，完整' : `，问题：${[...r.problems, ...r.leftovers].join('；')}`}`);
      runs.push(r);
      return r;
    };
    for (const step of ['staging', 'backup-partial', 'journal']) run(step, 'old');
    // As many renames as the swap has (a run past the last one completes the restore and is not counted).
    for (let k = 1; k <= 20; k++) if (!run(`rename-${k}`, 'old', true).killed) break;
    for (const step of ['reopen']) run(step, 'old');
    for (const step of ['commit', 'cleanup', 'none']) run(step, 'new');
    const killed = runs.filter((r) => r.killed);
    return { runs, kills: killed.length, intact: killed.filter((r) => r.intact).length };
  } finally {
    rmSync(o.root, { recursive: true, force: true });
  }
}
