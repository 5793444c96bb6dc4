// The county's files (issue 15): 县级汇总 as Excel and as a landscape PDF (内部资料, fonts embedded by the one
// renderer), and 交叉比对 as Excel for the townships to answer. Made on request, returned to the page, audited.
import type { CountyFile, CountySummary } from '../../contract';
import { CASE_STATE_LABELS, type CaseState } from '../../domain/workflow';
import { renderPdf } from '../../documents';
import { countySummaryDocument, type CountySummaryPdfRow } from '../../documents/templates/county-summary';
import { countySummaryWorkbook, crossCheckWorkbook } from '../../exchange/county-xlsx';
import { getOfficeMode } from '../../store/office-mode';
import { audit } from '../audit';
import { today, type Ctx } from '../context';
import { countyCrossCheck, CROSS_CHECK_LABELS } from './cross-check';
import { countySummary } from './summary';

const stateLabel = (s: string) => CASE_STATE_LABELS[s as CaseState] ?? s;

function pdfRow(name: string, f: CountySummary['total']): CountySummaryPdfRow {
  return {
    township: name,
    households: f.households,
    persons: f.persons,
    poor: f.byCategory.poor?.households ?? 0,
    lowIncome: f.byCategory['low-income']?.households ?? 0,
    medical: f.byCategory['medical-expense']?.households ?? 0,
    classA: f.byClass.A ?? 0,
    classB: f.byClass.B ?? 0,
    classC: f.byClass.C ?? 0,
    monthlyTotal: f.monthlyTotal,
    approvals: f.approvals,
    refusals: f.refusals,
    exits: f.exits,
    overdue: f.overdue,
    relatives: `${f.relativesFullVisit}／${f.relatives}`,
    duplicates: f.duplicates,
  };
}

export async function countySummaryPdf(ctx: Ctx, s: CountySummary): Promise<Buffer> {
  return renderPdf(
    countySummaryDocument({
      countyName: s.countyName,
      reportDate: today(ctx.clock),
      packages: s.rows.reduce((n, r) => n + r.packages, 0),
      rows: s.rows.map((r) => pdfRow(r.township, r)),
      total: pdfRow('全县合计', s.total),
      relatives: s.relatives.map((r) => ({
        township: r.township,
        village: r.village,
        headName: r.headName,
        caseRef: r.caseRef,
        staffRelativeOf: r.staffRelativeOf ?? '',
        visit: r.fullVisit === null ? '未入户调查' : r.fullVisit ? '是' : '否（有成员未见面）',
        state: stateLabel(r.state),
      })),
      overdue: s.overdue.map((r) => ({ township: r.township, village: r.village, headName: r.headName, caseRef: r.caseRef, dueOn: r.dueOn, concludedOn: r.concludedOn ?? '未办结' })),
      preparedBy: ctx.actor.name,
    }),
  );
}

export async function countySummaryExport(ctx: Ctx, input: { format: 'xlsx' | 'pdf' }): Promise<CountyFile> {
  const s = countySummary(ctx);
  const date = today(ctx.clock);
  const bytes = input.format === 'pdf' ? await countySummaryPdf(ctx, s) : await countySummaryWorkbook({ ...s, relatives: s.relatives.map((r) => ({ ...r, state: stateLabel(r.state) })) }, date);
  ctx.db.transaction(() => audit(ctx, 'county-summary-export', 'county', null, null, { format: input.format, townships: s.rows.length, persons: s.total.persons }))();
  return { fileName: `县级汇总_${date}.${input.format}`, base64: bytes.toString('base64') };
}

export async function countyCrossCheckExport(ctx: Ctx): Promise<CountyFile> {
  const r = countyCrossCheck(ctx);
  const date = today(ctx.clock);
  const bytes = await crossCheckWorkbook(r, { countyName: getOfficeMode(ctx.db)?.countyName ?? '县民政局', today: date, labels: CROSS_CHECK_LABELS });
  ctx.db.transaction(() => audit(ctx, 'county-cross-check-export', 'county', null, null, { counts: r.counts }))();
  return { fileName: `交叉比对_${date}.xlsx`, base64: bytes.toString('base64') };
}
