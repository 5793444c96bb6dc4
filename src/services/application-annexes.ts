// 附件2 人员信息汇总表 and 附件3 备案登记表 of one village's cases in a campaign (plan 三(二)第二步), built for
// the documents registry: the campaign's cases decide who is listed, the application's 近亲属 declaration
// decides the filing columns (spec §9).
import { AppError, type DocumentView, type Village } from '../contract';
import { FILING_REGISTER_TITLE, filingRegister, PERSON_SUMMARY_TITLE, personSummary, type FilingRow, type PersonSummaryRow, type SupporterLine } from '../documents';
import { CATEGORY_LABELS } from '../domain/determination';
import { CASE_STATE_ORDER, type CaseState } from '../domain/workflow';
import { listCases } from '../store/campaigns';
import { getApplication, getHomeVisit, listSupporters } from '../store/case-files';
import { decidingSaved } from './notice-facts';
import { requireCampaign } from './cases';
import type { Ctx } from './context';
import { personClassLabel, personSummaryRows, type BuiltDocument } from './document-data';
import { issueDocument } from './documents';
import { requireHousehold } from './households';

/** Cases that have reached the application step and were not closed at screening (every later state too). */
const APPLIED: readonly CaseState[] = CASE_STATE_ORDER.filter((st) => st !== 'screening' && st !== 'closed');

function casesOf(ctx: Ctx, campaignId: number, village: Village) {
  const campaign = requireCampaign(ctx, campaignId);
  if (!campaign.villageIds.includes(village.id)) throw new AppError('VALIDATION', `「${village.name}」不在「${campaign.name}」范围内`);
  const cases = listCases(ctx.db, { campaignId, villageId: village.id, states: APPLIED });
  if (cases.length === 0) throw new AppError('WORKFLOW', `「${village.name}」在「${campaign.name}」中还没有进入申请步骤的案件`);
  return cases;
}

export function campaignAnnex(
  ctx: Ctx,
  kind: 'person-summary' | 'filing-register',
  campaignId: number,
  village: Village,
  meta: { township: string; issueDate: string },
): BuiltDocument {
  const cases = casesOf(ctx, campaignId, village);
  const base = { kind, householdId: null, villageId: village.id, subject: village.name };
  if (kind === 'person-summary') {
    const rows: PersonSummaryRow[] = cases.flatMap((c) => {
      const h = requireHousehold(ctx, c.householdId);
      return personSummaryRows(h, c.kind === 'recipient-review' ? '现有低保户' : '新申请', decidingSaved(ctx, c.householdId, c));
    });
    // The legally obliged supporters the application step recorded (plan 三(二)第二步).
    const supporters: SupporterLine[] = cases.flatMap((c) =>
      listSupporters(ctx.db, c.id).map((s) => ({
        headName: c.headName ?? '（未设户主）',
        name: s.name,
        relation: s.relation,
        idNumber: s.idNumber,
        monthlyIncome: s.monthlyIncome,
        supportProvided: s.supportProvided,
      })),
    );
    const data = { township: meta.township, village: village.name, fillDate: meta.issueDate, rows, supporters };
    return { ...base, title: `${village.name}${PERSON_SUMMARY_TITLE}`, snapshot: { ...data, campaignId }, definition: personSummary(data) };
  }
  const rows: FilingRow[] = cases.map((c) => {
    const h = requireHousehold(ctx, c.householdId);
    const a = getApplication(ctx.db, c.id);
    const d = decidingSaved(ctx, h.id, c) ?? undefined;
    return {
      village: h.villageName,
      headName: h.headName ?? '（未设户主）',
      headIdNumber: h.members.find((m) => m.id === h.headPersonId)?.idNumber ?? '',
      homeVisit: homeVisitExtent(ctx, c.id, h.members.map((m) => m.id)),
      householdSize: h.size,
      category: d ? CATEGORY_LABELS[d.category] : '待审核',
      personClass: d ? personClassLabel(d) : '',
      monthlyAmount: d?.monthlyTotal ?? 0,
      isStaffRelative: a?.isStaffRelative ?? false,
      ...(a?.isStaffRelative ? { staffRelation: `${a.staffRelativeOf ?? ''}之${a.staffRelation ?? ''}` } : {}),
      note: c.kind === 'recipient-review' ? '现有低保户' : '新申请',
    };
  });
  const data = { township: meta.township, village: village.name, fillDate: meta.issueDate, rows };
  return { ...base, title: `${village.name}${FILING_REGISTER_TITLE}`, snapshot: { ...data, campaignId }, definition: filingRegister(data) };
}

/** 全面入户调查 (plan 三(二)第四步): every member seen at the visit, or who was not, or no visit recorded yet. */
function homeVisitExtent(ctx: Ctx, caseId: number, memberIds: readonly number[]): string {
  const stored = getHomeVisit(ctx.db, caseId);
  if (!stored) return '未入户调查';
  const seen = new Set((stored.data as { membersSeen?: number[] }).membersSeen ?? []);
  const unseen = memberIds.filter((id) => !seen.has(id)).length;
  return unseen === 0 ? '已全面入户' : `${unseen}人未见面`;
}

/** Issues the annex through the registry (numbered, stored with its SHA-256, audited like every document). */
export function caseAnnexIssue(ctx: Ctx, input: { campaignId: number; villageId: number; kind: 'person-summary' | 'filing-register' }): Promise<DocumentView> {
  requireCampaign(ctx, input.campaignId);
  return issueDocument(ctx, {
    kind: input.kind,
    householdId: null,
    villageId: input.villageId,
    options: { stopReason: null, applicationDate: null, noticeKind: null, postingStart: null, postingDays: null, hardship: null, campaignId: input.campaignId },
  });
}
