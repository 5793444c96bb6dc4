import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CampaignView, CaseView, DeadlinePage, SpotCheckView } from '../../src/contract';
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
    const items = ok<DeadlinePage>(await app.call('deadline-list', { campaignId: campaign.id, pageSize: 200 }, clerk)).items;
    const notice = items.find((i) => i.caseId === c.id && i.kind === 'notice')!;
    expect(notice).toMatchObject({ label: '出具停发通知书', startedOn: '2026-09-30', dueOn: '2026-10-10', workingDaysLeft: 1, overdue: false });
    now = '2026-10-12T02:00:00Z';
    const later = ok<DeadlinePage>(await app.call('deadline-list', { campaignId: campaign.id }, clerk)).items;
    expect(later[0]).toMatchObject({ caseId: c.id, kind: 'notice', overdue: true, workingDaysLeft: -1 });
  });

  it('pages the list in due order, overdue first, and counts it whole in SQL', async () => {
    const cases = ok<CaseView[]>(await app.call('case-list', { campaignId: campaign.id }, clerk));
    // Three notices owed, decided on different days; one case opened later (its processing clock runs later).
    const decide = (c: CaseView, at: string, state: 'proposed-exit' | 'not-qualified') => {
      patchCase(app.db, c.id, { state }, at);
      insertCaseEvent(app.db, { caseId: c.id, action: 'preliminary-decide', fromState: 'preliminary-review', toState: state, actor: '村干部', actorRole: 'cadre', at, note: null, data: null });
    };
    decide(cases[3]!, '2026-09-01T02:00:00Z', 'not-qualified');
    decide(cases[1]!, '2026-09-30T02:00:00Z', 'proposed-exit');
    decide(cases[2]!, '2026-10-09T02:00:00Z', 'proposed-exit');
    now = '2026-10-12T02:00:00Z';
    const pages: DeadlinePage[] = [];
    for (let page = 1; ; page++) {
      const p = ok<DeadlinePage>(await app.call('deadline-list', { campaignId: campaign.id, page, pageSize: 7 }, clerk));
      pages.push(p);
      if (page * 7 >= p.total) break;
    }
    const all = pages.flatMap((p) => p.items);
    const { total, counts } = pages[0]!;
    expect(all).toHaveLength(total);
    expect(total).toBe(cases.length + 3);
    expect(new Set(all.map((d) => `${d.caseId}-${d.kind}`)).size).toBe(total);
    expect(counts).toEqual({ overdue: all.filter((d) => d.overdue).length, notice: 3, processing: cases.length });
    expect(counts.overdue).toBeGreaterThanOrEqual(2);
    // Overdue first, then by due date; ties as the cases are listed (village, case), a notice before its case's clock.
    const order = new Map(cases.map((c, i) => [c.id, i]));
    const sorted = [...all].sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn) || order.get(a.caseId)! - order.get(b.caseId)! || a.kind.localeCompare(b.kind),
    );
    expect(all).toEqual(sorted);
    expect(all[0]).toMatchObject({ caseId: cases[3]!.id, kind: 'notice', label: '出具不予批准通知书', overdue: true });
    expect(all.find((d) => d.caseId === cases[2]!.id && d.kind === 'notice')).toMatchObject({ label: '出具停发通知书', overdue: false, startedOn: '2026-10-09' });
    // One village's list is that village's items; a page past the end is empty but still counted.
    const village = cases[1]!.villageId;
    const own = ok<DeadlinePage>(await app.call('deadline-list', { campaignId: campaign.id, villageId: village, pageSize: 200 }, clerk));
    expect(own.items.map((d) => `${d.caseId}-${d.kind}`)).toEqual(all.filter((d) => cases.find((c) => c.id === d.caseId)!.villageId === village).map((d) => `${d.caseId}-${d.kind}`));
    const past = ok<DeadlinePage>(await app.call('deadline-list', { campaignId: campaign.id, page: 99, pageSize: 20 }, clerk));
    expect(past).toMatchObject({ items: [], total, counts });
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
