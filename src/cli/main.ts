import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApp, resolveDataDir } from '../services/app';
import { DEMO_PASSWORD, seedDemoAsync } from '../services/demo';
import { runEvaluate } from './evaluate';
import { runSampleDocuments } from './sample-documents';
import { runBackup, runExportPackage, runRestore, runVerifyPackage } from './filing';
import { AppError } from '../contract';
import { runVerifyAudit } from './audit';
import { runImportRoll } from './roll-import';
import { runCountyImport, runCountyReport, runSeedCountyDemo } from './county';
import type { Io } from './io';

export type { Io } from './io';

type CliCommand = { summary: string; run: (args: string[], io: Io) => Promise<number> };

const HELP = (): string =>
  [
    '用法：npm run --silent dibao -- <命令> [选项]',
    '',
    '命令：',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`),
  ].join('\n');

const COMMANDS: Record<string, CliCommand> = {
  help: {
    summary: '显示本帮助',
    run: async (_args, io) => {
      io.stdout(`${HELP()}\n`);
      return 0;
    },
  },
  evaluate: { summary: '测算一户的低保认定结果：evaluate FILE|-（- 为标准输入）', run: runEvaluate },
  'sample-documents': { summary: '按本镇数据生成每种文书的样稿（不登记）：sample-documents --out DIR [--data-dir DIR]', run: runSampleDocuments },
  'export-package': {
    summary: '生成备案包（文件夹和 zip）：export-package --data-dir D --out DIR --campaign ID [--villages 1,2] [--from 日期 --to 日期]',
    run: runExportPackage,
  },
  'verify-package': {
    summary: '核验备案包（文件夹或 zip）及其签名，显示报送单位和签名密钥指纹：verify-package PATH [--key 指纹]，完好时退出码为 0',
    run: runVerifyPackage,
  },
  'verify-audit': { summary: '核验审计日志的哈希链，指出第一处断点：verify-audit --data-dir D，完好时退出码为 0', run: runVerifyAudit },
  backup: { summary: '备份数据库、文书和附件到一个加密并签名的文件并核验：backup --data-dir D --out FILE.bak|DIR', run: runBackup },
  restore: { summary: '核验并显示备份内容；加 --yes 才替换现有数据（先自动备份）：restore --data-dir D FILE [--recovery-key 恢复密钥] [--yes]', run: runRestore },
  'import-roll': {
    summary: '导入存量低保花名册：import-roll --data-dir D FILE 显示预览和问题（有错误行时退出码为 1）；加 --yes 导入（金额与现行政策不一致时加 --reason 理由）',
    run: runImportRoll,
  },
  'county-import': {
    summary: '县民政局接收备案包：county-import --data-dir D [--key 指纹] [--county-name 名称] 备案包…；乡镇首次报送须用 --key 给出报送单上的密钥指纹',
    run: runCountyImport,
  },
  'county-report': { summary: '县级汇总（Excel、PDF）和交叉比对（Excel）：county-report --data-dir D --out DIR', run: runCountyReport },
  'seed-county-demo': {
    summary: '演示县：两个演示乡镇各办一轮、导出备案包，县民政局接收（含一处跨乡镇重复享受）：seed-county-demo --data-dir D [--no-receive]',
    run: runSeedCountyDemo,
  },
  'seed-demo': {
    summary: '在数据目录中建立演示镇（2个村、38户，专项治理进行中）：seed-demo --data-dir DIR',
    run: async (args, io) => {
      const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
      const app = openApp({ dataDir: resolveDataDir(values['data-dir']) });
      try {
        const r = await seedDemoAsync(app.ctx());
        io.stdout(`已建立演示数据：${r.villages} 个村（社区），${r.households} 户，${r.persons} 人。数据目录：${app.dataDir}\n`);
        io.stdout(
          `专项治理进行中：案件 ${r.cycle.caseCount} 件（各办理阶段均有），已出具文书 ${r.cycle.documents} 份，已生成 ${r.cycle.paymentMonth} 低保金发放名单，备案包：${r.cycle.packagePath}\n`,
        );
        io.stdout(`演示账户（密码均为 ${DEMO_PASSWORD}）：admin 管理员，clerk 民政所经办，leader 审批领导，cadre1 东山村干部，cadre2 柳河社区干部\n`);
        return 0;
      } catch (err) {
        if (err instanceof AppError) {
          io.stderr(`${err.message}\n`);
          return 1;
        }
        throw err;
      } finally {
        app.close();
      }
    },
  },
};

export function registerCommand(name: string, command: CliCommand): void {
  COMMANDS[name] = command;
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`未知命令：${name}\n\n${HELP()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  const io: Io = {
    stdin: process.stdin,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
