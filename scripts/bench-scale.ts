// `npm run bench -- scale [PERSONS]` (default 10,000): an office shaped like the county's (100,000 persons in
// 34,923 households over 20 villages, 8,000 recipient households — scaled down by PERSONS / 100,000) is built
// once through the services (households, members, facts, saved determinations, bank accounts, a 复核 campaign),
// cached under the temp directory and reused; every run works on a fresh copy of it. Each user-visible operation
// is then timed through `dispatch` (app.call) and printed as operation / median / p95 / target / pass-fail.
// The targets are the targets at 100,000 persons; on the shared 2-core machine timings are noisy.
import { createHash } from 'node:crypto';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Actor, BackupItem, CampaignView, PaymentBatchView, PersonFields, Result } from '../src/contract';
import { NO_RECORDED_FACTS } from '../src/contract';
import { luhnCheckDigit } from '../src/domain/bank-account';
import { computeCheckChar } from '../src/domain/id-number';
import { DEFAULT_POLICY } from '../src/domain/policy';
import { defaultPhases } from '../src/domain/workflow';
import { openApp, type App } from '../src/services/app';
import { insertAccount } from '../src/services/accounts';
import { audit } from '../src/services/audit';
import { campaignCreate, campaignReviewRecipients } from '../src/services/cases';
import { nowIso } from '../src/services/context';
import { determinationSave, householdFactsUpdate, policyAdd } from '../src/services/determinations';
import { householdCreate, personAdd } from '../src/services/households';
import { listBackupFiles } from '../src/services/backups';
import { hashPasswordBlocking } from '../src/services/passwords';
import { bankAccountSave } from '../src/services/payments';
import { syncRoster } from '../src/services/roster';
import { getOfficeSettings, updateOfficeSettings } from '../src/services/settings';
import { villageCreate } from '../src/services/villages';
import { setHouseholdStatus } from '../src/store/households';

const COUNTY = { persons: 100_000, households: 34_923, recipients: 8_000, villages: 20 };
/** Household sizes cycle through this pattern: 20 persons in 7 households, as in the county (2.86 a household). */
const SIZES = [3, 2, 4, 1, 3, 5, 2];
const INTERACTIVE_MS = 150;
const EXPORT_MS = 3_000;
const BACKUP_MS = 2_000;
const STARTUP_MS = 2_000;
/** Not a target of the issue: a restore is shown with its progress; the column says so. */
const RESTORE_MS = Number.POSITIVE_INFINITY;
/** No request may wait longer than this while the automatic backup runs. */
const STALL_MS = 200;
// A month the generated office pays (determinations start paying the month after they are saved).
const MONTH = (() => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 7);
})();

const clerkActor = (app: App): Actor => {
  const row = app.db.prepare("SELECT id, display_name AS name FROM users WHERE username = 'bench-clerk'").get() as { id: number; name: string };
  return { id: row.id, name: row.name, role: 'clerk', villageId: null };
};

function person(seq: number, head: boolean, age: number): PersonFields {
  // Valid and unique: the birth date moves on a week every 1,000 people, the sequence digits run within it.
  const birthMs = Date.UTC(2026 - age, 0, 1) + Math.floor(seq / 1000) * 7 * 86_400_000 % (300 * 86_400_000);
  const birth = new Date(birthMs).toISOString().slice(0, 10);
  const first17 = `990103${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return {
    name: `${'王李张刘陈杨黄赵吴周'[seq % 10]}${'伟芳娜秀英敏静丽强磊'[Math.floor(seq / 10) % 10]}${'一二三四五六七八九十'[Math.floor(seq / 100) % 10]}`,
    idNumber: first17 + computeCheckChar(first17),
    relation: head ? '户主' : '子女',
    ...NO_RECORDED_FACTS,
    laborCapacity: head ? 'none' : 'full',
  };
}

/** The office's settings: every issuing authority a notice and the 备案包 name (issue 12's required settings). */
const OFFICE_SETTINGS = {
  townshipName: '规模镇人民政府', divisionCode: '990103100', officeName: '规模镇民政所', officePhone: '0550-1234567', countyCentrePhone: '0550-7654321', idleLockMinutes: 15,
  townshipPhone: '0550-1234500', countyGovernmentName: '规模县人民政府', countyGovernmentPhone: '0550-7650000', countyBureauName: '规模县民政局', countyBureauPhone: '0550-7654000',
};

/** Builds the office through the services, in one transaction per 500 households (the services nest in it). */
function buildOffice(dir: string, persons: number): { households: number; recipients: number } {
  const app = openApp({ dataDir: dir });
  const ctx = app.ctx();
  const households = Math.max(1, Math.round((persons * COUNTY.households) / COUNTY.persons));
  const recipientEvery = COUNTY.households / COUNTY.recipients; // about one household in 4.37
  let recipients = 0;
  try {
    updateOfficeSettings(ctx, OFFICE_SETTINGS);
    insertAccount(ctx, { username: 'bench-clerk', displayName: '经办员', role: 'clerk', villageId: null }, hashPasswordBlocking('bench-password'));
    const { version: _v, ...policy } = DEFAULT_POLICY;
    policyAdd(ctx, policy);
    const villages = Array.from({ length: COUNTY.villages }, (_, i) =>
      villageCreate(ctx, { name: `第${i + 1}村`, code: `990103100${String(201 + i)}`, kind: 'village', groups: ['第一组', '第二组', '第三组'] }),
    );
    let seq = 0;
    let nextRecipient = 0;
    for (let start = 0; start < households && seq < persons; start += 500) {
      app.db.transaction(() => {
        for (let h = start; h < Math.min(start + 500, households) && seq < persons; h++) {
          const village = villages[h % villages.length]!;
          const size = Math.min(SIZES[h % SIZES.length]!, persons - seq);
          const created = householdCreate(ctx, {
            villageId: village.id, groupName: village.groups[h % 3] ?? null, address: `${village.name}${h + 1}号`, phone: null, note: null, head: person(seq++, true, 70),
          });
          let household = created;
          for (let m = 1; m < size; m++) household = personAdd(ctx, { householdId: created.id, person: person(seq++, false, 30 + m) });
          if (h < nextRecipient) continue;
          nextRecipient += recipientEvery;
          householdFactsUpdate(ctx, {
            householdId: created.id, assetsCompliant: true, assetsNote: '经济状况核对未发现不符合规定的财产', otherMonthlyIncome: 0,
            singleCoverPersonId: null, medicalSelfPaid: null, medicalDisposable: null, medicalPatientPersonId: null,
          });
          if (determinationSave(ctx, { householdId: created.id }).category === 'ineligible') continue;
          setHouseholdStatus(ctx.db, created.id, 'recipient', nowIso(ctx.clock));
          audit(ctx, 'bench-load', 'household', created.id, { status: 'registered' }, { status: 'recipient' });
          const body = `629999${String(created.id).padStart(12, '0')}`;
          const headId = household.headPersonId ?? household.members[0]!.id;
          bankAccountSave(ctx, { householdId: created.id, holderPersonId: headId, bankName: '规模农商银行', kind: 'card', accountNumber: body + luhnCheckDigit(body) });
          recipients++;
        }
      })();
    }
    const campaign = campaignCreate(ctx, { name: '基准复核', year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) });
    campaignReviewRecipients(ctx, { campaignId: campaign.id });
    app.db.exec('ANALYZE');
    return { households, recipients };
  } finally {
    app.close();
  }
}

/**
 * The roster's entries are made on its first use; an office in daily use has them. A cached office made before
 * its build did this gets them once here, untimed, so that every run measures a start of an office in use.
 */
function syncCachedRoster(cache: string): void {
  const app = openApp({ dataDir: cache });
  try {
    const n = (app.db.prepare('SELECT count(*) AS n FROM roster_entries').get() as { n: number }).n;
    if (n === 0) syncRoster(app.ctx());
    // An office cached before the issuing authorities became required settings gets them (the 备案包 needs them).
    const ctx = app.ctx();
    if (!getOfficeSettings(ctx)?.countyBureauName) updateOfficeSettings(ctx, OFFICE_SETTINGS);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    app.close();
  }
}

/**
 * `cpu`: the process's CPU time per sample (all threads, the workers' included): on the shared, noisy machine it
 * shows the work itself where wall time also shows the neighbours. `judge: 'max'`: the target holds for every
 * sample (a stall), not for the 95th percentile.
 */
type Row = { operation: string; samples: number[]; cpu?: number[]; target: number; judge?: 'p95' | 'max'; note?: string; error?: string };

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)]!, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]! };
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** BENCH_ONLY=<regular expression> times only the operations whose name matches (e.g. BENCH_ONLY=发放), to measure one fix. */
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const selected = (operation: string) => only === null || only.test(operation);

export async function benchScale(): Promise<void> {
  const persons = Number(process.argv[3] ?? process.env.BENCH_PERSONS ?? 10_000);
  if (!Number.isInteger(persons) || persons < 100) throw new Error('人数须为不少于100的整数');
  const cache = join(tmpdir(), `dibao-bench-scale-${persons}`);
  const ready = join(cache, 'bench-ready');
  if (!existsSync(ready)) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    const t0 = performance.now();
    const built = buildOffice(cache, persons);
    writeFileSync(ready, JSON.stringify(built));
    console.log(`生成 ${persons.toLocaleString()} 人、${built.households.toLocaleString()} 户（在保 ${built.recipients.toLocaleString()} 户）用时 ${((performance.now() - t0) / 1000).toFixed(1)} s（缓存于 ${cache}）`);
  } else {
    console.log(`复用已生成的办公室：${cache}`);
  }
  syncCachedRoster(cache);
  const work = mkdtempSync(join(tmpdir(), 'dibao-bench-scale-run-'));
  cpSync(cache, work, { recursive: true });
  const rows: Row[] = [];
  try {
    // Start-up to first response: open (migrations, audit chain check) and answer one list call.
    const startup: number[] = [];
    for (let i = 0; i < (selected('启动到首个响应') ? 3 : 0); i++) {
      const t = performance.now();
      const probe = openApp({ dataDir: work });
      await probe.call('village-list', {});
      startup.push(performance.now() - t);
      probe.close();
    }
    if (startup.length > 0) rows.push({ operation: '启动到首个响应', samples: startup, target: STARTUP_MS });
    if (selected('自动备份')) await measureStartWithBackup(work, rows);

    // As both shells open it: the WAL checkpointed by the maintenance worker (the automatic backup is measured above).
    const app = openApp({ dataDir: work, backgroundCheckpoints: true });
    try {
      await measure(app, rows);
    } finally {
      app.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  print(rows, persons);
}

async function measure(app: App, rows: Row[]): Promise<void> {
  const clerk = clerkActor(app);
  const call = async <T>(command: string, input: unknown, actor: Actor = clerk): Promise<T> => {
    const r: Result<unknown> = await app.call(command, input, actor);
    if (!r.ok) throw new Error(`${command}: ${r.error.message}`);
    return r.value as T;
  };
  const time = async (
    operation: string,
    target: number,
    n: number,
    run: (i: number, prepared: unknown) => Promise<unknown>,
    after?: (v: unknown) => Promise<void>,
    before?: (i: number) => Promise<unknown>,
  ) => {
    if (!selected(operation)) return;
    const samples: number[] = [];
    const cpu: number[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const prepared = before ? await before(i) : undefined;
        const c = process.cpuUsage();
        const t = performance.now();
        const v = await run(i, prepared);
        samples.push(performance.now() - t);
        const d = process.cpuUsage(c);
        cpu.push((d.user + d.system) / 1000);
        if (after) await after(v);
      }
      rows.push({ operation, samples, cpu, target });
    } catch (e) {
      rows.push({ operation, samples, cpu, target, error: e instanceof Error ? e.message : String(e) });
    }
  };
  // The start walks the audit chain in the maintenance worker; wait for it (untimed) so that the steady-state
  // timings below are not shared with it — the start itself is measured above, with the automatic backup.
  await call('audit-chain-status', {}, { id: null, name: '本机管理员', role: 'admin', villageId: null });
  const villages = await call<{ id: number }[]>('village-list', {});
  const campaign = (await call<CampaignView[]>('campaign-list', {}))[0]!;
  const householdIds = (app.db.prepare('SELECT id FROM households ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const recipientIds = (app.db.prepare("SELECT id FROM households WHERE status = 'recipient' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
  const caseIds = (app.db.prepare('SELECT id FROM cases WHERE campaign_id = ? ORDER BY id').all(campaign.id) as { id: number }[]).map((r) => r.id);
  const pick = <T>(xs: T[], i: number): T => xs[(i * 7919) % xs.length]!;
  const N = 20;

  // The first roster call after a start checks the whole cache once against the data (src/services/roster.ts).
  await time('低保花名册（启动后首次打开）', INTERACTIVE_MS, 1, () => call('roster-list', { page: 1, pageSize: 50 }));
  await time('户籍列表（第1页）', INTERACTIVE_MS, N, (i) => call('household-list', { query: '', villageId: i % 2 ? villages[i % villages.length]!.id : null, page: 1 + (i % 5), pageSize: 20 }));
  await time('检索（姓名前缀）', INTERACTIVE_MS, N, (i) => call('search', { query: '王伟'.slice(0, 1 + (i % 2)), villageId: null, page: 1, pageSize: 20 }));
  await time('户详情', INTERACTIVE_MS, N, (i) => call('household-get', { id: pick(householdIds, i) }));
  await time('专项行动列表', INTERACTIVE_MS, N, () => call('campaign-list', {}));
  await time('案件列表（按村）', INTERACTIVE_MS, N, (i) => call('case-list', { campaignId: campaign.id, villageId: villages[i % villages.length]!.id }));
  await time('案件详情', INTERACTIVE_MS, N, (i) => call('case-get', { id: pick(caseIds, i) }));
  await time('工作台', INTERACTIVE_MS, N, (i) => call('workbench', { campaignId: campaign.id, villageId: i % 2 ? villages[i % villages.length]!.id : null }));
  await time('期限提醒', INTERACTIVE_MS, N, (i) => call('deadline-list', { campaignId: campaign.id, page: 1 + (i % 3), pageSize: 20 }));
  await time('低保花名册（第1页）', INTERACTIVE_MS, N, (i) => call('roster-list', { page: 1 + (i % 3), pageSize: 50 }));
  await time('花名册户详情', INTERACTIVE_MS, N, (i) => call('roster-household', { householdId: pick(recipientIds, i) }));
  await time('审计日志（第1页）', INTERACTIVE_MS, N, () => call('audit-list', { page: 1, pageSize: 50 }));
  // The backup and the restore before the payment rows below: every generate sample freezes another 8,000 rows
  // (cancelled batches are kept), which would make the backed-up database larger than the office it stands for.
  const admin: Actor = { id: null, name: '本机管理员', role: 'admin', villageId: null };
  let lastBackup = '';
  await time('备份', BACKUP_MS, 3, async () => {
    lastBackup = (await call<BackupItem>('backup-create', { destination: null }, admin)).path;
  });
  if (selected('备份')) {
    // The floor a backup is measured against: SQLite's online backup of the same database plus a SHA-256 of it.
    const raw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const file = join(app.dataDir, `raw-${i}.sqlite`);
      const t = performance.now();
      await app.db.backup(file);
      const h = createHash('sha256');
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
      h.digest();
      raw.push(performance.now() - t);
      rmSync(file, { force: true });
    }
    rows.push({ operation: '（对照）SQLite 在线备份+SHA-256', samples: raw, target: BACKUP_MS, note: 'raw' });
  }
  // A restore of the last backup: check and unpack it, back up the current data first, swap, reopen.
  // The issue sets no target for it: it is the administrator's rare operation, shown with its progress.
  if (lastBackup) await time('恢复', RESTORE_MS, 1, () => call('backup-restore', { path: lastBackup, confirm: '恢复', recoveryKey: null }, admin));
  const restore = rows.find((r) => r.operation === '恢复');
  if (restore) restore.note = 'progress';
  await time('发放预览（全镇）', INTERACTIVE_MS, 5, () => call('payment-preview', { month: MONTH, villageId: null }));
  let batchId = 0;
  // 20 samples as every interactive row: the first generate after a start also grows the WAL file (≈ 45 ms of
  // its time here); the table's 最长 column shows it.
  await time('生成发放批次（全镇）', INTERACTIVE_MS, N, () => call<PaymentBatchView>('payment-generate', { month: MONTH, villageId: null }), async (v) => {
    batchId = (v as PaymentBatchView).batch.id;
    // Cancelled so that the next sample (and the exports below, on the last one) can generate again.
    if (batchId) await call('payment-batch-cancel', { batchId, reason: '基准测试重复生成' }).catch(() => undefined);
  });
  batchId = (await call<PaymentBatchView>('payment-generate', { month: MONTH, villageId: null })).batch.id;
  await time('发放名册 Excel', EXPORT_MS, 3, () => call('payment-export', { batchId, format: 'xlsx' }));
  await time('发放名册 PDF', EXPORT_MS, 3, () => call('payment-export', { batchId, format: 'pdf' }));
  await time('低保花名册 Excel 导出', EXPORT_MS, 3, () => call('roster-export', { view: 'all' }));
  await time(
    '在保户纳入复核',
    EXPORT_MS,
    3,
    (_i, c) => call('campaign-review-recipients', { campaignId: (c as CampaignView).id }),
    undefined,
    (i) => call<CampaignView>('campaign-create', { name: `基准复核${i + 2}`, year: 2026, phases: defaultPhases(2026), villageIds: villages.map((v) => v.id) }),
  );
  const destination = join(app.dataDir, 'bench-out');
  mkdirSync(destination, { recursive: true });
  await time('备案包', EXPORT_MS, 1, () => call('filing-export', { campaignId: campaign.id, destination }));
}

/**
 * A start with the automatic backup, as both shells start: the time to the first answer, then requests one after
 * another (a clerk paging the household list) until the backup file is there; each request's time is a sample,
 * and the longest one is judged: no request may stall beyond 200 ms while the backup runs.
 */
async function measureStartWithBackup(work: string, rows: Row[]): Promise<void> {
  const backups = join(work, 'backups');
  const autoBackups = () => listBackupFiles(backups).filter((b) => b.kind === 'auto').length;
  const had = autoBackups();
  const t0 = performance.now();
  const app = openApp({ dataDir: work, autoBackup: true, backgroundCheckpoints: true });
  try {
    const clerk = clerkActor(app);
    await app.call('village-list', {}, clerk);
    rows.push({ operation: '启动到首个响应（含自动备份）', samples: [performance.now() - t0], target: STARTUP_MS });
    const latencies: number[] = [];
    let i = 0;
    while (autoBackups() === had && performance.now() - t0 < 30_000) {
      const t = performance.now();
      const r = await app.call('household-list', { query: '', villageId: null, page: 1 + (i++ % 50), pageSize: 20 }, clerk);
      if (!r.ok) throw new Error(r.error.message);
      latencies.push(performance.now() - t);
      // As requests reach a server: each in its own turn of the event loop, where the backup's I/O also runs.
      await new Promise((r) => setImmediate(r));
    }
    rows.push({
      operation: '自动备份期间的请求（最长）',
      samples: latencies,
      target: STALL_MS,
      judge: 'max',
      note: `${latencies.length} 个请求，备份用时 ${((performance.now() - t0) / 1000).toFixed(2)} s`,
    });
    // The same requests again with no backup running: what the machine alone does to the longest one (on a
    // shared, loaded machine the scheduler also stalls a thread now and then).
    const quiet: number[] = [];
    for (let k = 0; k < latencies.length; k++) {
      const t = performance.now();
      const r = await app.call('household-list', { query: '', villageId: null, page: 1 + (i++ % 50), pageSize: 20 }, clerk);
      if (!r.ok) throw new Error(r.error.message);
      quiet.push(performance.now() - t);
      await new Promise((r2) => setImmediate(r2));
    }
    rows.push({ operation: '（对照）无备份时同样的请求（最长）', samples: quiet, target: STALL_MS, judge: 'max', note: `${quiet.length} 个请求` });
  } finally {
    app.close();
  }
}

function print(rows: Row[], persons: number): void {
  console.log(`\n规模基准：${persons.toLocaleString()} 人（目标为 100,000 人时的目标；共用机器，计时有噪声）`);
  const head = ['操作', '次数', 'median', 'p95', '最长', 'CPU median', '目标', '结果'];
  const table = rows.map((r) => {
    if (r.error) return [r.operation, '-', '-', '-', '-', '-', `< ${fmt(r.target)}`, `出错：${r.error}`];
    const s = stats(r.samples);
    const longest = r.samples.reduce((m, x) => Math.max(m, x), 0);
    const max = fmt(longest);
    const cpu = r.cpu?.length ? fmt(stats(r.cpu).median) : '-';
    const facts = [r.operation, String(r.samples.length), fmt(s.median)];
    if (r.note === 'raw') return [...facts, fmt(s.p95), max, cpu, '（对照）', ''];
    if (r.note === 'progress') return [...facts, fmt(s.p95), max, cpu, '（无目标）', '显示进度'];
    if (r.judge === 'max') {
      return [...facts, '-', max, cpu, `< ${fmt(r.target)}（最长）`, `${longest < r.target ? 'pass' : 'FAIL'}（${r.note ?? ''}）`];
    }
    return [...facts, fmt(s.p95), max, cpu, `< ${fmt(r.target)}`, s.p95 < r.target ? 'pass' : 'FAIL'];
  });
  const width = (i: number) => Math.max(...[head, ...table].map((r) => displayWidth(r[i]!)));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
  const line = (r: string[]) => `| ${r.map((c, i) => pad(c, width(i))).join(' | ')} |`;
  console.log([line(head), `|${head.map((_, i) => '-'.repeat(width(i) + 2)).join('|')}|`, ...table.map(line)].join('\n'));
  const backup = rows.find((r) => r.operation === '备份' && !r.error);
  const raw = rows.find((r) => r.note === 'raw');
  if (backup && raw) {
    const ratio = stats(backup.samples).median / stats(raw.samples).median;
    console.log(`备份 / (SQLite 在线备份+SHA-256)：${ratio.toFixed(2)} 倍（中位数之比；目标 ≤ 5 倍）`);
  }
}

/** Terminal width of a string: CJK characters take two columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}
