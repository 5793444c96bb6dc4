// Kill -9 at every step of a restore (issue 11): a child process runs the restore and SIGKILLs itself at the
// step named in DIBAO_TEST_CRASH_AT; the office opened again afterwards is entirely the old one or entirely the
// restored one — database, documents/ and attachments/ — with no leftovers. See scripts/crash-restore.ts.
import { describe, expect, it } from 'vitest';
import { runCrashMatrix } from '../../scripts/crash-restore';

describe('恢复过程中被强行终止', () => {
  it('leaves a whole office at every step: the old one before the commit, the restored one after', async () => {
    const lines: string[] = [];
    const { runs, kills, intact } = await runCrashMatrix((l) => lines.push(l));
    const steps = runs.map((r) => r.step);
    expect(steps).toEqual([
      'staging',
      'backup-partial',
      'journal',
      'rename-1',
      'rename-2',
      'rename-3',
      'rename-4',
      'rename-5',
      'rename-6',
      'reopen',
      'commit',
      'cleanup',
      'none',
    ]);
    expect(runs.filter((r) => !r.killed).map((r) => r.step)).toEqual(['none']);
    for (const r of runs) expect({ step: r.step, outcome: r.outcome, problems: r.problems, leftovers: r.leftovers }).toEqual({ step: r.step, outcome: r.expected, problems: [], leftovers: [] });
    expect(kills).toBe(12);
    expect(intact).toBe(kills);
  }, 600_000);
});
