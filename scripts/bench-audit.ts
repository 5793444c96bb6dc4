// `npm run bench -- audit [ROWS]`: the audit log's hash chain at office scale (issue 11). Appends ROWS rows
// (default 100,000) through the store, then times the walk that runs at every start (median of 5, wall and
// CPU time), the append itself, and opening the app (which includes the walk).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../src/services/app';
import { appendAudit } from '../src/store/audit';
import { verifyAuditChain } from '../src/store/audit-chain';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchAudit(): Promise<void> {
  const rows = Number(process.argv[3] ?? process.env.BENCH_AUDIT_ROWS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-audit-'));
  try {
    const app = openApp({ dataDir: dir });
    // A realistic row: a household edit with a before and an after of a few hundred bytes.
    const before = { address: '东山村第一村民小组12号', phone: '13800000000', members: 3, note: '家庭成员务工收入变化，需要复核' };
    const t0 = performance.now();
    app.db.transaction(() => {
      for (let i = 1; i <= rows; i++) {
        appendAudit(app.db, {
          at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          actor: '民政所经办员',
          actorRole: 'clerk',
          command: 'household-update',
          entityType: 'household',
          entityId: i % 2000,
          before,
          after: { ...before, members: 4 },
        });
      }
    })();
    const appendMs = performance.now() - t0;
    app.close();

    const again = openApp({ dataDir: dir });
    const walks: number[] = [];
    const cpu: number[] = [];
    let report = verifyAuditChain(again.db);
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const c = process.cpuUsage();
      report = verifyAuditChain(again.db);
      const used = process.cpuUsage(c);
      walks.push(performance.now() - s);
      cpu.push((used.user + used.system) / 1000);
    }
    again.close();
    const o = performance.now();
    openApp({ dataDir: dir }).close();
    const openMs = performance.now() - o;

    console.log(`审计日志哈希链：${report.rows} 条，${report.ok ? '完整' : '断裂'}`);
    console.log(`  追加 ${rows} 条（一个事务）：${appendMs.toFixed(0)} ms，每条 ${((appendMs / rows) * 1000).toFixed(1)} µs`);
    // CPU time as well as wall time: on a shared build machine the wall time mostly measures the other processes.
    console.log(`  完整核验（启动时执行）：中位数 ${median(walks).toFixed(0)} ms，CPU 时间中位数 ${median(cpu).toFixed(0)} ms（5 次：${walks.map((w) => w.toFixed(0)).join(' / ')}）`);
    console.log(`  打开程序（含核验）：${openMs.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
