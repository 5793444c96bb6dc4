// `dibao verify-package`, `export-package`, `backup`, `restore` (issues 7 and 11).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKUP_KIND_LABELS, LEGACY_BACKUP_WARNING, type BackupInspection, type BackupSummary, type FilingResult, type PackageReport, type RestoreResult } from '../contract';
import { verifyPackage } from '../exchange/package-verify';
import { groupFingerprint, normalizeFingerprint } from '../exchange/signing';
import { openApp, resolveDataDir } from '../services/app';
import { isBackupFileName, makeBackup } from '../services/backups';
import type { Io } from './io';

const fail = (io: Io, message: string, code = 2): number => {
  io.stderr(`${message}\n`);
  return code;
};

/** Who signed, and what the county compares with the stamped cover sheet. */
function provenanceLines(report: PackageReport): string[] {
  const lines: string[] = [];
  const sig = report.signature;
  if (report.manifest) lines.push(`报送单位：${report.manifest.office.townshipName} ${report.manifest.office.officeName}`);
  if (sig.status === 'valid') lines.push(`签名：有效（Ed25519），签名密钥指纹：${sig.fingerprintGrouped}`);
  else if (sig.status === 'invalid') lines.push(`签名：无效${sig.fingerprintGrouped ? `（签名文件中的密钥指纹：${sig.fingerprintGrouped}）` : ''}`);
  else lines.push('签名：无');
  if (report.manifestSha256) lines.push(`清单哈希（manifest.json 的 SHA-256）：${groupFingerprint(report.manifestSha256)}`);
  const chain = report.manifest?.auditChain;
  if (chain) lines.push(`审计日志链头：共 ${chain.rows} 条，第 ${chain.head.id} 条，哈希 ${chain.head.hash}`);
  return lines;
}

/**
 * verify-package PATH [--key FINGERPRINT]: exit 0 when intact and validly signed (by that key, when given), with
 * the office and the key's fingerprint; otherwise one line per problem on stdout and exit 1.
 */
export async function runVerifyPackage(args: string[], io: Io): Promise<number> {
  const usage = '用法：verify-package PATH [--key 签名密钥指纹]（PATH 为备案包文件夹或 .zip 文件）';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  } catch {
    return fail(io, usage);
  }
  const [path] = parsed.positionals;
  if (!path) return fail(io, usage);
  const key = parsed.values.key;
  if (key !== undefined && !normalizeFingerprint(key)) return fail(io, `--key 的指纹格式不对：应为 64 位十六进制数字（可含空格），如备案报送单上所印。\n${usage}`);
  const report = await verifyPackage(resolve(path), { expectedFingerprint: key ?? null });
  if (report.ok) {
    io.stdout(`备案包完好：${report.manifest?.name ?? path}，${report.files.length} 个文件均与清单和 SHA256SUMS 一致，清单签名有效。\n`);
    io.stdout(`${provenanceLines(report).join('\n')}\n`);
    if (!key) io.stdout('请核对上面的签名密钥指纹与备案报送单上所印的是否一致（或用 --key 指纹 让程序核对）。\n');
    return 0;
  }
  for (const p of report.problems) io.stdout(`${p}\n`);
  io.stderr(`${provenanceLines(report).join('\n')}\n`);
  io.stderr(`核验未通过：共 ${report.problems.length} 处问题。\n`);
  return 1;
}

export async function runExportPackage(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      campaign: { type: 'string' },
      villages: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  if (!values.out || !values.campaign) {
    return fail(io, '用法：export-package --data-dir D --out DIR --campaign ID [--villages 1,2] [--from YYYY-MM-DD --to YYYY-MM-DD]');
  }
  const app = openApp({ dataDir: resolveDataDir(values['data-dir']) });
  try {
    const r = await app.call('filing-export', {
      campaignId: Number(values.campaign),
      villageIds: values.villages ? values.villages.split(',').map((v) => Number(v.trim())) : null,
      from: values.from ?? null,
      to: values.to ?? null,
      destination: resolve(values.out),
    });
    if (!r.ok) return fail(io, r.error.message, 1);
    const v = r.value as FilingResult;
    io.stdout(`已生成备案包：${v.folder}\n压缩包：${v.zip}\n`);
    io.stdout(`共 ${v.fileCount} 个文件；案件 ${v.counts.cases} 件，审批通过 ${v.counts.approved} 户，不予批准 ${v.counts.ineligible} 户，文书 ${v.counts.documents} 份。\n`);
    return 0;
  } finally {
    app.close();
  }
}

export async function runBackup(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } } });
  const app = openApp({ dataDir: resolveDataDir(values['data-dir']) });
  try {
    const out = values.out ? resolve(values.out) : null;
    const isFile = out !== null && isBackupFileName(out);
    const item = await makeBackup(app.db, app.dataDir, app.backupKeys, () => new Date(), 'manual', isFile ? null : out, isFile ? out : null);
    io.stdout(`已备份并核验：${item.path}（${(item.size / 1024 / 1024).toFixed(1)} MB）\n`);
    return 0;
  } catch (err) {
    return fail(io, err instanceof Error ? err.message : String(err), 1);
  } finally {
    app.close();
  }
}

export function summaryLines(s: BackupSummary): string[] {
  return [
    `备份文件：${s.path}`,
    `备份时间：${new Date(s.createdAt).toLocaleString('zh-CN', { hour12: false })}（${BACKUP_KIND_LABELS[s.kind]}）`,
    `乡镇：${s.officeName ?? '（未设置）'}`,
    `程序版本 ${s.appVersion}，数据库版本 ${s.schemaVersion}（本程序 ${s.currentSchemaVersion}）`,
    `家庭 ${s.counts.households} 户，人员 ${s.counts.persons} 人，案件 ${s.counts.cases} 件，文书 ${s.counts.documents} 份，附件 ${s.counts.attachments} 个`,
    s.protection === 'encrypted'
      ? `加密：AES-256-GCM，密钥编号 ${s.keyId}（${s.keySource === 'recovery-key' ? '用输入的恢复密钥打开' : '本机密钥'}），已完整核验`
      : LEGACY_BACKUP_WARNING,
    s.signature.status === 'valid'
      ? `签名：有效（Ed25519），签名密钥指纹：${s.signature.fingerprintGrouped}${s.signature.isThisOffice === true ? '（本所当前密钥）' : ''}`
      : '签名：无（旧版程序制作的备份）',
    ...(s.auditChain ? [`审计日志：共 ${s.auditChain.rows} 条，${s.auditChain.ok ? '哈希链完整' : `哈希链断裂于第 ${s.auditChain.brokenAt} 条`}`] : []),
    ...s.warnings.map((w) => `注意：${w}`),
  ];
}

/** restore --data-dir D FILE [--recovery-key DIGITS]: shows what the backup holds; replaces the data only with --yes. */
export async function runRestore(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, yes: { type: 'boolean', default: false }, 'recovery-key': { type: 'string' } },
  });
  const [file] = positionals;
  if (!file) return fail(io, '用法：restore --data-dir D FILE [--recovery-key 恢复密钥] [--yes]（不加 --yes 只显示备份内容）');
  const recoveryKey = values['recovery-key'] ?? null;
  let app;
  try {
    // Opening the data folder first also finishes or undoes an interrupted restore, before anything else.
    app = openApp({ dataDir: resolveDataDir(values['data-dir']) });
  } catch (err) {
    return fail(io, err instanceof Error ? err.message : String(err), 1);
  }
  try {
    const inspected = await app.call('backup-inspect', { path: resolve(file), recoveryKey });
    if (!inspected.ok) return fail(io, `不能恢复：${inspected.error.message}`, 1);
    const v = inspected.value as BackupInspection;
    if (v.state === 'key-required') {
      const h = v.header;
      io.stdout(`备份文件：${h.path}\n备份时间：${new Date(h.createdAt).toLocaleString('zh-CN', { hour12: false })}（${BACKUP_KIND_LABELS[h.kind]}），乡镇：${h.officeName ?? '（未设置）'}（未经核验）\n`);
      return fail(io, `${v.message}\n用法：restore --data-dir D FILE --recovery-key "1234 5678 …"（恢复密钥单上的 80 位数字）`, 1);
    }
    io.stdout(`${summaryLines(v.summary).join('\n')}\n`);
    if (!values.yes) {
      io.stdout('未做任何改动。确认要用此备份替换现有数据时，请加 --yes 再执行一次（现有数据会先自动备份）。\n');
      return 0;
    }
    const r = await app.call('backup-restore', { path: resolve(file), confirm: '恢复', recoveryKey });
    if (!r.ok) return fail(io, `恢复失败，现有数据未改变：${r.error.message}`, 1);
    const done = r.value as RestoreResult;
    io.stdout(`已恢复。原有数据已先备份到：${done.safetyBackup.path}\n`);
    for (const n of done.notes) io.stdout(`${n}\n`);
    return 0;
  } finally {
    app.close();
  }
}
