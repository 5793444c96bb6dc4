import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseView, DeadlineItem, SpotCheckView } from '../../src/contract';
import { drawSample } from '../../src/domain/sampling';
import { defaultPhases } from '../../src/domain/workflow';
import { openApp, type App } from '../../src/services/app';
import { seedDemo } from '../../src/services/demo';
import { insertCaseEvent, patchCase } from '../../src/store/campaigns';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { ok } from '../helpers/temp-app';

let dir: string;
let app: App;
let now = '2026-10-12T02:00:00Z';
let campaign: CampaignView;
const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dibao-sup-'));
  now = '2026-09-30T02:00:00Z';
  app = openApp({ dataDir: dir, clock: () => new Date(now) });
  seedDemo(app.ctx(), { cycle: false });
  const villages = (await app.call('village-list', {})) as { ok: true; value: { id: number }[] };
  campaign = ok<CampaignView>(
    await app.call('campaign-create', { name: '2026年低保专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages.value.map((v) => v.id) }, clerk),
  );
  ok(await app.call('campaign-review-recipients', { campaignId: campaign.id }, clerk));
});
afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('statutory clocks', () => {
  it('counts the stop-notice deadline in working days across the National Day holiday', async () => {
    const c = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk))[0]!;
    // Decided on Wednesday 9-30: 3 working days are 10-08, 10-09, 10-10 (a Saturday worked in lieu).
    patchCase(app.db, c.id, { state: 'proposed-exit' }, '2026-09-30T02:00:00Z');
    insertCaseEvent(app.db, { caseId: c.id, action: 'preliminary-decide', fromState: 'preliminary-review', toState: 'proposed-exit', actor: '村干部', actorRole: 'cadre', at: '2026-09-30T02:00:00Z', note: null, data: null });
    now = '2026-10-09T02:00:00Z';
    const items = ok<DeadlineItem[]>(await app.call('deadline-list', { campaignId: campaign.id }, clerk));
    const notice = items.find((i) => i.caseId === c.id && i.kind === 'notice')!;
    expect(notice).toMatchObject({ label: '出具停发通知书', startedOn: '2026-09-30', dueOn: '2026-10-10', workingDaysLeft: 1, overdue: false });
    now = '2026-10-12T02:00:00Z';
    const later = ok<DeadlineItem[]>(await app.call('deadline-list', { campaignId: campaign.id }, clerk));
    expect(later[0]).toMatchObject({ caseId: c.id, kind: 'notice', overdue: true, workingDaysLeft: -1 });
  });

  it('lets the administrator change the clocks and refuses nonsense', async () => {
    ok(await app.call('clock-settings-update', { noticeWorkingDays: 5, processingWorkingDays: 20 }));
    expect(ok(await app.call('clock-settings-get', {}))).toEqual({ noticeWorkingDays: 5, processingWorkingDays: 20 });
    expect(await app.call('clock-settings-update', { noticeWorkingDays: 0, processingWorkingDays: 20 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await app.call('clock-settings-update', { noticeWorkingDays: 5, processingWorkingDays: 20 }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('spot checks', () => {
  it('draws reproducibly from the recorded seed, per village, and records findings', async () => {
    const a = ok<SpotCheckView>(await app.call('spot-check-draw', { campaignId: campaign.id, perVillage: 3, seed: 12345 }, clerk));
    const b = ok<SpotCheckView>(await app.call('spot-check-draw', { campaignId: campaign.id, perVillage: 3, seed: 12345 }, clerk));
    expect(a.items.map((i) => i.householdId)).toEqual(b.items.map((i) => i.householdId));
    expect(a.items).toHaveLength(6);
    const c = ok<SpotCheckView>(await app.call('spot-check-draw', { campaignId: campaign.id, perVillage: 3, seed: 54321 }, clerk));
    expect(c.items.map((i) => i.householdId)).not.toEqual(a.items.map((i) => i.householdId));
    const noFinding = await app.call('spot-check-record', { itemId: a.items[0]!.id, checkedOn: '2026-09-30', checker: '督查组', result: 'problem' }, clerk);
    expect(noFinding).toMatchObject({ ok: false, error: { fields: [{ path: 'finding' }] } });
    const rec = ok<SpotCheckView>(
      await app.call('spot-check-record', { itemId: a.items[0]!.id, checkedOn: '2026-09-30', checker: '督查组', result: 'ok', finding: '情况属实' }, clerk),
    );
    expect(rec.items[0]).toMatchObject({ result: 'ok', checker: '督查组', recordedBy: '民政所经办员' });
  });

  it('drawSample is independent of input order and never draws more than the population', () => {
    expect(drawSample([5, 3, 9, 1, 7], 2, 99)).toEqual(drawSample([1, 3, 5, 7, 9], 2, 99));
    expect(drawSample([1, 2], 5, 1)).toEqual([1, 2]);
  });
});

describe('progress report', () => {
  it('renders the per-village completion as PDF and as Excel', async () => {
    const pdf = ok<{ fileName: string; base64: string }>(await app.call('progress-report', { campaignId: campaign.id, format: 'pdf' }, clerk));
    const text = extractPageTexts(Buffer.from(pdf.base64, 'base64')).join('\n');
    expect(text).toContain('低保专项治理工作完成进度表');
    expect(text).toContain('东山村');
    const xlsx = ok<{ fileName: string; base64: string }>(await app.call('progress-report', { campaignId: campaign.id, format: 'xlsx' }, clerk));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('完成进度')!;
    expect(ws.getRow(4).getCell(1).value).toBe('东山村');
    expect(ws.getRow(4).getCell(2).value).toBe(16);
  });
});
