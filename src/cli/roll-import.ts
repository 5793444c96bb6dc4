// `import-roll`: an office's existing roll brought in from the command line (IT staff moving an office). Without
// --yes it only prints the preview; with --yes it commits through the same command as the 存量数据导入 page.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Result, RollImportResult, RollPreview, RollUploadInfo } from '../contract';
import { openApp, resolveDataDir } from '../services/app';
import type { Io } from './io';

const USAGE = '用法：import-roll --data-dir D FILE [--yes] [--reason 按原金额导入的理由]';

function value<T>(r: Result<unknown>, io: Io): T | null {
  if (r.ok) return r.value as T;
  io.stderr(`${r.error.message}\n`);
  return null;
}

export function previewText(p: RollPreview): string {
  const lines = [
    `文件：${p.fileName}（${p.rowCount} 行）`,
    `可导入 ${p.households} 户 ${p.persons} 人，其中保障对象 ${p.covered} 人，月保障金合计 ${p.monthlyTotal.toFixed(2)} 元，银行账户 ${p.bankAccounts} 个`,
    `无误 ${p.okCount} 行，提示 ${p.warningCount} 行，错误 ${p.errorCount} 行`,
  ];
  if (p.amountFlags) lines.push(`月保障金与现行政策测算不一致：${p.amountFlags} 户（按原金额导入须用 --reason 写明理由）`);
  if (p.amountCheckNote) lines.push(p.amountCheckNote);
  if (p.newVillages.length) lines.push(`将新建村（社区）：${p.newVillages.map((v) => `${v.name}（代码 ${v.code}，${v.households} 户）`).join('、')}`);
  const problems = p.rows.filter((r) => r.problems.length);
  if (problems.length) lines.push('', '问题：');
  for (const r of problems) {
    for (const x of r.problems) lines.push(`  第${r.rowNumber}行${x.column ? ` ${x.column}列` : ''} ${x.level === 'error' ? '错误' : '提示'}：${x.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runImportRoll(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' }, yes: { type: 'boolean' }, reason: { type: 'string' } } });
  if (positionals.length !== 1) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const path = resolve(positionals[0]!);
  const input = { fileName: basename(path), base64: readFileSync(path).toString('base64'), sheetName: null };
  const app = openApp({ dataDir: resolveDataDir(values['data-dir']) });
  try {
    const up = value<RollUploadInfo>(await app.call('roll-upload', input), io);
    if (!up) return 1;
    if (up.existingImport) {
      io.stdout(`该文件已于 ${up.existingImport.importedAt.slice(0, 10)} 导入（${up.existingImport.households} 户），再次导入不会改变任何数据。\n`);
      return 0;
    }
    const preview = value<RollPreview>(await app.call('roll-preview', { ...input, mapping: up.mapping }), io);
    if (!preview) return 1;
    io.stdout(previewText(preview));
    if (preview.errorCount > 0) {
      io.stderr(`有 ${preview.errorCount} 行错误，未导入任何数据。\n`);
      return 1;
    }
    if (!values.yes) {
      io.stdout('仅预览，未导入。确认无误后加 --yes 导入。\n');
      return 0;
    }
    const done = value<RollImportResult>(await app.call('roll-commit', { ...input, mapping: up.mapping, amountReason: values.reason ?? null }), io);
    if (!done) return 1;
    io.stdout(`已导入 ${done.import.households} 户 ${done.import.persons} 人，新建村（社区）${done.import.villagesCreated} 个，月保障金合计 ${done.import.monthlyTotal.toFixed(2)} 元。\n`);
    return 0;
  } finally {
    app.close();
  }
}
