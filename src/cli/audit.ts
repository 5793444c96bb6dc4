// `dibao verify-audit --data-dir D` (issue 11): walks the audit log's hash chain in the data folder's database,
// read-only, and names the first broken row. Exit 0 when intact, 1 when broken, 2 when it cannot be checked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { verifyAuditChain } from '../store/audit-chain';
import { DB_FILE, resolveDataDir } from '../services/app';
import type { Io } from './io';

const USAGE = '用法：verify-audit --data-dir D';

export async function runVerifyAudit(args: string[], io: Io): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { 'data-dir': { type: 'string' } } }).values;
  } catch {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
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
    if (r.ok) {
      io.stdout(`审计日志完好：共 ${r.rows} 条，哈希链完整（用时 ${ms} 毫秒）。\n链头：第 ${r.head.id} 条，哈希 ${r.head.hash}\n`);
      io.stdout('如需确认末尾没有被删去的记录，请把链头与最近备案包或备份中记录的链头对照。\n');
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
