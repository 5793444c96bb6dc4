import ExcelJS from 'exceljs';
import { randomInt } from 'node:crypto';
import { AppError, type ClockSettings, type DeadlinePage, type SpotCheckView, type Workbench } from '../contract';
import { drawSample } from '../domain/sampling';
import { CASE_STATE_LABELS, CONCLUDED_STATES, type CaseState } from '../domain/workflow';
import { renderPdf } from '../documents';
import { PROGRESS_REPORT_TITLE, progressReport, type ProgressRow } from '../documents/templates/progress-report';
import { getCampaign, listCases } from '../store/campaigns';
import { deadlinePage, deadlineStarts } from '../store/deadlines';
import { getSetting, putSetting } from '../store/settings';
import { getSpotCheck, getSpotCheckItem, insertSpotCheck, listSpotCheckItems, listSpotChecks, recordSpotCheckItem } from '../store/spot-checks';
import { getHouseholdRow } from '../store/households';
import { getVillage } from '../store/villages';
import { audit } from './audit';
import { requireCampaign } from './cases';
import { nowIso, today, type Ctx } from './context';
import { officeCalendar } from './office-calendar';
import { getOfficeSettings } from './settings';
import { workbench } from './workbench';

// ---------------------------------------------------------------- statutory clocks

const CLOCKS_KEY = 'statutory-clocks';
const DEFAULT_CLOCKS: ClockSettings = { noticeWorkingDays: 3, processingWorkingDays: 30 };

export function clockSettings(ctx: Ctx): ClockSettings {
  const raw = getSetting(ctx.db, CLOCKS_KEY);
  return raw ? { ...DEFAULT_CLOCKS, ...(JSON.parse(raw) as Partial<ClockSettings>) } : DEFAULT_CLOCKS;
}

export function clockSettingsUpdate(ctx: Ctx, input: ClockSettings): ClockSettings {
  return ctx.db.transaction(() => {
    const before = clockSettings(ctx);
    putSetting(ctx.db, CLOCKS_KEY, JSON.stringify(input));
    audit(ctx, 'clock-settings-update', 'settings', null, before, input);
    return input;
  })();
}

const AWAITING_NOTICE: readonly CaseState[] = ['not-qualified', 'proposed-exit'];

/**
 * What is due: a refusal or stop notice owed within N working days of the village's decision, and every open
 * case's total processing time from the accepted application. Sorted by due date, overdue first; one page of it
 * and the counts over all (issue 13: a county campaign has about 8,000 open cases, the list was sent whole).
 */
export function deadlineList(ctx: Ctx, input: { campaignId: number; villageId: number | null; page: number; pageSize: number }): DeadlinePage {
  requireCampaign(ctx, input.campaignId);
  const clocks = clockSettings(ctx);
  const cal = officeCalendar(ctx);
  const now = today(ctx.clock);
  const filter = {
    campaignId: input.campaignId,
    villageId: input.villageId,
    concluded: CONCLUDED_STATES,
    awaitingNotice: AWAITING_NOTICE,
    noticeDays: clocks.noticeWorkingDays,
    processingDays: clocks.processingWorkingDays,
  };
  // Working-day arithmetic walks the calendar day by day; a campaign's cases share a handful of start dates, so
  // each distinct one is worked out once, here, and SQL sorts and pages by the result.
  const dues = deadlineStarts(ctx.db, filter).map(({ startedOn, days }) => {
    const dueOn = cal.addDays(startedOn, days, 'working');
    return { startedOn, days, dueOn, left: now <= dueOn ? cal.daysBetween(now, dueOn, 'working') : -cal.daysBetween(dueOn, now, 'working') };
  });
  const p = deadlinePage(ctx.db, filter, dues, now, input.pageSize, (input.page - 1) * input.pageSize);
  return {
    items: p.rows.map((r) => ({
      caseId: r.caseId,
      householdId: r.householdId,
      headName: r.headName,
      villageName: r.villageName,
      kind: r.kind,
      label: r.kind === 'processing' ? '办结时限' : r.state === 'proposed-exit' ? '出具停发通知书' : '出具不予批准通知书',
      startedOn: r.startedOn,
      dueOn: r.dueOn,
      workingDaysLeft: r.workingDaysLeft,
      overdue: now > r.dueOn,
    })),
    total: p.total,
    page: input.page,
    pageSize: input.pageSize,
    counts: { overdue: p.overdue, notice: p.notice, processing: p.processing },
  };
}

// ---------------------------------------------------------------- progress report

function progressRows(w: Workbench): { headers: string[]; rows: ProgressRow[] } {
  const phases = w.phases.filter((p) => p.key !== 'publicity');
  return {
    headers: phases.map((p) => `${p.label}（至${p.end.slice(5).replace('-', '月')}日）`),
    rows: w.rows.map((r) => ({
      village: r.villageName,
      total: r.total,
      phases: phases.map((p) => {
        const cell = r.cells.find((c) => c.phase === p.key)!;
        return `已完成 ${cell.done}／待办 ${cell.pending}${cell.overdue ? '（逾期）' : ''}`;
      }),
      states: (Object.entries(r.byState) as [CaseState, number][]).map(([s, n]) => `${CASE_STATE_LABELS[s]} ${n}`).join('，'),
    })),
  };
}

/** 上报工作完成进度 (plan 四(三)) as a printable PDF or an Excel workbook. */
export async function progressReportFile(ctx: Ctx, input: { campaignId: number; format: 'pdf' | 'xlsx' }): Promise<{ fileName: string; base64: string; mime: string }> {
  const w = workbench(ctx, { campaignId: input.campaignId, villageId: null });
  const { headers, rows } = progressRows(w);
  const date = today(ctx.clock);
  const township = getOfficeSettings(ctx)?.townshipName ?? '';
  const fileBase = `${PROGRESS_REPORT_TITLE}_${w.campaignName}_${date}`;
  if (input.format === 'pdf') {
    const bytes = await renderPdf(progressReport({ township, campaign: w.campaignName, reportDate: date, phaseHeaders: headers, rows, preparedBy: ctx.actor.name }));
    return { fileName: `${fileBase}.pdf`, base64: bytes.toString('base64'), mime: 'application/pdf' };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('完成进度', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.addRow([`${township}${PROGRESS_REPORT_TITLE}`]).font = { bold: true, size: 14 };
  ws.addRow([`专项治理：${w.campaignName}　截至 ${date}`]);
  const header = ws.addRow(['村（社区）', '案件数', ...headers, '各阶段案件分布']);
  header.font = { bold: true };
  for (const r of rows) ws.addRow([r.village, r.total, ...r.phases, r.states]);
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 14 : i === 1 ? 8 : 26));
  return {
    fileName: `${fileBase}.xlsx`,
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

// ---------------------------------------------------------------- spot checks

function spotCheckView(ctx: Ctx, id: number): SpotCheckView {
  const c = getSpotCheck(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND', '找不到该抽查');
  return {
    ...c,
    items: listSpotCheckItems(ctx.db, id).map((it) => {
      const h = getHouseholdRow(ctx.db, it.householdId);
      return {
        id: it.id,
        householdId: it.householdId,
        headName: h?.head_name ?? null,
        villageName: getVillage(ctx.db, it.villageId)?.name ?? '',
        checkedOn: it.checkedOn,
        checker: it.checker,
        result: it.result,
        finding: it.finding,
        recordedBy: it.recordedBy,
      };
    }),
  };
}

/**
 * 抽查 (plan 四(三)): N households per village drawn from the campaign's cases with a recorded seed; the same seed
 * reproduces the draw, so anyone can verify that the sample was not hand-picked.
 */
export function spotCheckDraw(ctx: Ctx, input: { campaignId: number; perVillage: number; seed?: number | null | undefined }): SpotCheckView {
  return ctx.db.transaction(() => {
    const campaign = getCampaign(ctx.db, input.campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', '找不到该专项治理工作');
    const seed = input.seed ?? randomInt(0, 2 ** 31 - 1);
    const items: { householdId: number; villageId: number }[] = [];
    for (const villageId of campaign.villageIds) {
      const population = listCases(ctx.db, { campaignId: campaign.id, villageId }).map((c) => c.householdId);
      // Mixing the village id in keeps villages' draws independent under one recorded seed.
      for (const householdId of drawSample(population, input.perVillage, (seed ^ (villageId * 0x9e3779b1)) >>> 0)) items.push({ householdId, villageId });
    }
    if (items.length === 0) throw new AppError('WORKFLOW', '本次专项治理还没有案件，无可抽查的家庭');
    const id = insertSpotCheck(ctx.db, { campaignId: campaign.id, seed, perVillage: input.perVillage, drawnAt: nowIso(ctx.clock), drawnBy: ctx.actor.name }, items);
    audit(ctx, 'spot-check-draw', 'spot-check', id, null, { seed, perVillage: input.perVillage, households: items.map((i) => i.householdId) });
    return spotCheckView(ctx, id);
  })();
}

export function spotCheckList(ctx: Ctx, input: { campaignId: number }): SpotCheckView[] {
  requireCampaign(ctx, input.campaignId);
  return listSpotChecks(ctx.db, input.campaignId).map((c) => spotCheckView(ctx, c.id));
}

export function spotCheckRecord(
  ctx: Ctx,
  input: { itemId: number; checkedOn: string; checker: string; result: 'ok' | 'problem'; finding?: string | null | undefined },
): SpotCheckView {
  return ctx.db.transaction(() => {
    const before = getSpotCheckItem(ctx.db, input.itemId);
    if (!before) throw new AppError('NOT_FOUND', '找不到该抽查对象');
    if (input.result === 'problem' && !input.finding?.trim()) {
      throw new AppError('VALIDATION', '发现问题时须写明发现的情况', [{ path: 'finding', message: '请写明发现的情况' }]);
    }
    recordSpotCheckItem(ctx.db, input.itemId, {
      checkedOn: input.checkedOn,
      checker: input.checker,
      result: input.result,
      finding: input.finding?.trim() || null,
      recordedAt: nowIso(ctx.clock),
      recordedBy: ctx.actor.name,
    });
    audit(ctx, 'spot-check-record', 'spot-check', before.spotCheckId, before, getSpotCheckItem(ctx.db, input.itemId));
    return spotCheckView(ctx, before.spotCheckId);
  })();
}
