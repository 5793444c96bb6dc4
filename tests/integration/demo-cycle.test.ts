// The demo office shows the whole cycle (issue 14): a 专项治理 in progress with a case in every state, the notices
// its steps issued, this month's payments, a filing package in the data folder, and deadlines both due and overdue —
// all dated from the office's today, whatever today is.
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type {
  ApplicationView,
  CampaignView,
  CaseDetail,
  CaseView,
  DeadlinePage,
  DocumentView,
  FilingExportRecord,
  Page,
  PackageReport,
  PaymentBatchSummary,
  SpotCheckView,
  VillageHearingsView,
} from '../../src/contract';
import type { CaseState } from '../../src/domain/workflow';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { ok } from '../helpers/temp-app';

const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };

const EVERY_STATE: CaseState[] = [
  'screening',
  'application',
  'verification',
  'home-visit',
  'preliminary-review',
  'proposed-inclusion',
  'proposed-exit',
  'not-qualified',
  'hearing-passed',
  'publicity',
  'review',
  'township-approval',
  'approved',
  'denied',
  'stopped',
];

let dir: string | null = null;
let app: App | null = null;
afterEach(() => {
  app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = null;
  dir = null;
});

async function demoOn(now: Date) {
  dir = mkdtempSync(join(tmpdir(), 'dibao-demo-'));
  app = openApp({ dataDir: dir, clock: () => now });
  const summary = await seedDemo(app.ctx());
  return { app, summary };
}

// An ordinary autumn Monday; a day whose campaign began in the previous year (numbers and months change year); the
// days after the National Day and Spring Festival holidays, whose week off would otherwise keep a notice's three
// working days from running out.
describe.each([
  ['2026-11-30T09:00:00', '2026-11'],
  ['2027-01-06T10:00:00', '2027-01'],
  ['2026-10-09T09:00:00', '2026-10'],
  ['2026-02-24T09:00:00', '2026-02'],
])('the demo office loaded on %s', (now, month) => {
  it('holds a campaign in progress with a case in every state, the notices, a payment month, a package and due and overdue deadlines', async () => {
    const { app, summary } = await demoOn(new Date(now));
    expect(summary).toMatchObject({ villages: 2, households: 38 });

    const campaigns = ok<CampaignView[]>(await app.call('campaign-list', {}, clerk));
    expect(campaigns).toHaveLength(1);
    const campaign = campaigns[0]!;
    expect(campaign.name).toMatch(/^\d{4}年低保专项治理$/);
    // Its 审批公示 phase runs today: the campaign is in progress, not a past one.
    const approval = campaign.phases.find((p) => p.key === 'approval')!;
    const today = now.slice(0, 10);
    expect(approval.start <= today && today <= approval.end).toBe(true);

    const cases = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
    const states = new Set(cases.map((c) => c.state));
    for (const s of EVERY_STATE) expect(states, `a case at ${s}`).toContain(s);
    for (const [state, id] of Object.entries(summary.cycle.cases)) expect(cases.find((c) => c.id === id)?.state).toBe(state);
    // Both kinds of case: recipients under review and new applications.
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['recipient-review', 'new-application']));

    // 公示 running with an objection registered and not yet handled.
    const publicity = cases.find((c) => c.state === 'publicity')!;
    const village = ok<VillageHearingsView>(await app.call('hearing-village', { campaignId: campaign.id, villageId: publicity.villageId }, clerk));
    const running = village.batches.find((b) => b.cases.some((c) => c.caseId === publicity.id))!;
    expect(running.windowEnd >= today).toBe(true);
    expect(running.openObjections).toBe(1);
    expect(village.hearings.length).toBeGreaterThan(0);

    // The notices: the refusal and the stop of the concluded cases, in the registry with their numbers, and the
    // papers the hearings and 公示 produced.
    const docs = ok<Page<DocumentView>>(await app.call('document-list', { page: 1, pageSize: 100 }, clerk)).items;
    const denied = cases.find((c) => c.state === 'denied')!;
    const stopped = cases.find((c) => c.state === 'stopped')!;
    const denial = docs.find((d) => d.kind === 'denial-notice' && d.householdId === denied.householdId);
    const stop = docs.find((d) => d.kind === 'stop-notice' && d.householdId === stopped.householdId);
    expect(denial?.documentNumber).toBeTruthy();
    expect(stop?.documentNumber).toBeTruthy();
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(['denial-notice', 'stop-notice', 'meeting-record', 'public-notice']));
    expect(docs.filter((d) => d.kind === 'public-notice')).toHaveLength(3); // two 评议结果公示 and one 审批结果公示
    expect(summary.cycle.documents).toBe(docs.length);
    // Each concluded case's record names its notice, and the file is the registered one.
    const stoppedDetail = ok<CaseDetail>(await app.call('case-get', { id: stopped.id }, clerk));
    expect(stoppedDetail.events.at(-1)?.note).toContain(stop!.documentNumber!);
    ok(await app.call('document-pdf', { id: denial!.id }, clerk));
    // The stopped household left the roll; the approved newcomer joined it.
    expect(ok<{ status: string }>(await app.call('household-get', { id: stopped.householdId }, clerk)).status).toBe('stopped');
    const approved = cases.find((c) => c.state === 'approved')!;
    expect(ok<{ status: string }>(await app.call('household-get', { id: approved.householdId }, clerk)).status).toBe('recipient');
    expect(ok<unknown>(await app.call('bank-account-get', { householdId: approved.householdId }, clerk))).not.toBeNull();

    // 低保金发放 of this month.
    const batches = ok<PaymentBatchSummary[]>(await app.call('payment-batch-list', { month }, clerk));
    expect(batches.filter((b) => b.status === 'active')).toHaveLength(1);
    expect(summary.cycle.paymentMonth).toBe(month);

    // The filing package in the data folder, intact and signed by this office.
    expect(summary.cycle.packagePath.startsWith(join(app.dataDir, 'exports'))).toBe(true);
    expect(existsSync(summary.cycle.packagePath)).toBe(true);
    const report = ok<PackageReport>(await app.call('filing-verify', { path: summary.cycle.packagePath }, clerk));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.manifest?.counts.approved).toBe(1);
    // The 附件4 line and the notice date the refusal from the case's own application, not the household's registration.
    const applied = ok<ApplicationView>(await app.call('case-application-get', { caseId: denied.id }, clerk)).secretary!.date;
    expect(report.lists?.ineligible.find((r) => r.noticeNumber === denial!.documentNumber)?.applicationDate).toBe(applied);
    expect(ok<{ snapshot: { applicationDate?: string } }>(await app.call('document-get', { id: denial!.id }, clerk)).snapshot.applicationDate).toBe(applied);
    // 备案与备份 lists it (from the audit log); moved away, it is still listed, as no longer there.
    const history = ok<FilingExportRecord[]>(await app.call('filing-history', {}, clerk));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ campaignId: campaign.id, campaignName: campaign.name, zip: summary.cycle.packagePath, present: true, by: '民政所经办员' });
    expect(history[0]!.counts?.approved).toBe(1);
    rmSync(history[0]!.folder, { recursive: true });
    renameSync(history[0]!.zip, join(app.dataDir, 'moved.zip'));
    expect(ok<FilingExportRecord[]>(await app.call('filing-history', {}, clerk))[0]!.present).toBe(false);

    // 办理时限: a notice overdue and a notice due (not yet overdue).
    const deadlines = ok<DeadlinePage>(await app.call('deadline-list', { campaignId: campaign.id, villageId: null, pageSize: 200 }, clerk)).items;
    const notQualified = cases.find((c) => c.state === 'not-qualified')!;
    const proposedExit = cases.find((c) => c.state === 'proposed-exit')!;
    expect(deadlines.find((d) => d.caseId === notQualified.id && d.kind === 'notice')).toMatchObject({ overdue: true, label: '出具不予批准通知书' });
    const due = deadlines.find((d) => d.caseId === proposedExit.id && d.kind === 'notice');
    expect(due).toMatchObject({ overdue: false, label: '出具停发通知书' });
    expect(due!.workingDaysLeft).toBeGreaterThanOrEqual(0);
    expect(due!.workingDaysLeft).toBeLessThanOrEqual(3);

    // 抽查: two households per village drawn, one checked.
    const [spot] = ok<SpotCheckView[]>(await app.call('spot-check-list', { campaignId: campaign.id }, clerk));
    expect(spot?.items).toHaveLength(4);
    expect(spot?.items.filter((i) => i.result === 'ok')).toHaveLength(1);

    // Everything was written through the services: the audit chain is whole and no step is dated after today.
    expect(ok<{ ok: boolean }>(await app.call('audit-chain-status', {})).ok).toBe(true);
    const times = (app.db.prepare('SELECT at FROM audit_log ORDER BY id').all() as { at: string }[]).map((r) => r.at);
    expect(times.every((t, i) => i === 0 || times[i - 1]! <= t), 'the audit log reads in date order').toBe(true);
    expect(times.at(-1)! <= new Date(now).toISOString()).toBe(true);
  });
});

describe('loading the demo', () => {
  it('is refused on an office that has villages, and the bare office has no campaign', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dibao-demo-'));
    app = openApp({ dataDir: dir, clock: () => new Date('2026-11-30T09:00:00') });
    seedDemo(app.ctx(), { cycle: false });
    expect(ok<CampaignView[]>(await app.call('campaign-list', {}, clerk))).toEqual([]);
    const r = await app.call('demo-load', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ok<CampaignView[]>(await app.call('campaign-list', {}, clerk))).toEqual([]);
  });
});

describe('dibao seed-demo', () => {
  it('makes the demo with its campaign in a data folder and says what it holds; a second run changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dibao-demo-cli-'));
    const run = async () => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['seed-demo', '--data-dir', dir!], { stdin: Readable.from([]), stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
      return { code, stdout, stderr };
    };
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/已建立演示数据：2 个村（社区），38 户，\d+ 人/);
    expect(first.stdout).toMatch(/专项治理进行中：案件 36 件（各办理阶段均有），已出具文书 7 份，已生成 \d{4}-\d{2} 低保金发放名单，备案包：.*exports.*\.zip/);
    const second = await run();
    expect(second).toMatchObject({ code: 1, stderr: '本镇已有村（社区）数据，不能再载入演示数据\n' });
  });
});
