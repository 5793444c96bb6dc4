// `dibao verify-audit --data-dir D [--head ID:HASH | --package PATH]` (issue 11): walks the audit log's hash chain
// in the data folder's database, read-only, and names the first broken row. A chain cut at its end is still a
// chain; `--head` (or the head recorded in a signed package) must then still be in it. Exit 0 when intact, 1 when
// broken, 2 when it cannot be checked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { verifyPackage } from '../exchange/package-verify';
import { verifyAuditChain } from '../store/audit-chain';
import { DB_FILE, resolveDataDir } from '../services/app';
import type { Io } from './io';

const USAGE = '用法：verify-audit --data-dir D [--head 条号:哈希 | --package 备案包路径]';

type Anchor = { id: number; hash: string; source: string };

/** The head to look for: given by hand, or read from a package whose signature holds. */
async function anchorOf(values: { head?: string | undefined; package?: string | undefined }, io: Io): Promise<Anchor | null | 'bad'> {
  if (values.head) {
    const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(values.head.trim());
    if (!m) {
      io.stderr(`--head 的格式应为 条号:64位哈希，如 284:b14b8a75…\n`);
      return 'bad';
    }
    return { id: Number(m[1]), hash: m[2]!.toLowerCase(), source: '指定的链头' };
  }
  if (values.package) {
    const report = await verifyPackage(values.package);
    const head = report.manifest?.auditChain?.head;
    if (!report.ok || !head) {
      io.stderr(`备案包未通过核验或没有记录链头，不能用作对照：${report.problems[0] ?? '清单中没有审计日志链头'}\n`);
      return 'bad';
    }
    return { ...head, source: `备案包「${report.manifest!.name}」记录的链头` };
  }
  return null;
}

export async function runVerifyAudit(args: string[], io: Io): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { 'data-dir': { type: 'string' }, head: { type: 'string' }, package: { type: 'string' } } }).values;
  } catch {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const anchor = await anchorOf(values, io);
  if (anchor === 'bad') return 2;
  const file = join(resolveDataDir(values['data-dir']), DB_FILE);
  if (!existsSync(file)) {
    io.stderr(`找不到数据库「${file}」，请检查 --data-dir\n`);
    return 2;
  }
  // Read-only: checking must never migrate or otherwise touch the evidence.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasChain = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('audit_log') WHERE name = 'hash'").get() as { n: number }).n > 0;
    if (!hasChain) {
      io.stderr('该数据库由旧版程序建立，审计日志尚无哈希链：用本程序打开一次即会建立。\n');
      return 2;
    }
    const started = performance.now();
    const r = verifyAuditChain(db);
    const ms = Math.round(performance.now() - started);
    if (r.ok && anchor) {
      const at = db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(anchor.id) as { hash: string | null } | undefined;
      if (!at) {
        io.stdout(`审计日志哈希链断裂：${anchor.source}（第 ${anchor.id} 条）已不在日志中，现有记录只到第 ${r.head.id} 条：末尾的记录被删除了。\n`);
        return 1;
      }
      if (at.hash !== anchor.hash) {
        io.stdout(`审计日志哈希链断裂：第 ${anchor.id} 条的哈希与${anchor.source}不符：该条及其之前的记录被改动后重算过哈希。\n`);
        return 1;
      }
    }
    if (r.ok) {
      io.stdout(`审计日志完好：共 ${r.rows} 条，哈希链完整（用时 ${ms} 毫秒）。\n链头：第 ${r.head.id} 条，哈希 ${r.head.hash}\n`);
      if (anchor) io.stdout(`${anchor.source}（第 ${anchor.id} 条）在链中，之后又追加了 ${r.head.id - anchor.id} 条。\n`);
      else io.stdout('如需确认末尾没有被删去的记录，请用 --package 备案包 或 --head 条号:哈希，与最近备案包或备份中记录的链头对照。\n');
      return 0;
    }
    const b = r.broken!;
    io.stdout(`审计日志哈希链断裂：${b.message}\n`);
    io.stdout(`首个断点：第 ${b.id} 条（${KIND_LABELS[b.kind]}）\n`);
    io.stderr(`共 ${r.rows} 条审计记录；自第 ${b.id} 条起的记录不能证明未被改动。\n`);
    return 1;
  } finally {
    db.close();
  }
}

const KIND_LABELS = { altered: '被改动', deleted: '被删除', inserted: '被插入', unhashed: '绕过程序写入' } as const;
