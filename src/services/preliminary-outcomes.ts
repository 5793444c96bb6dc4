// 初审结果名单 per village (issue 16): the 初审 outcomes (拟纳入 / 拟清退 / 不符合条件) could be seen case by case but
// not printed for the village meeting. Made on request as a PDF and not kept (like the 恢复密钥单): it is a working
// list, the registered acts are the notices that follow.
import { AppError, type PreliminaryOutcomesSheet } from '../contract';
import { CATEGORY_LABELS, type Category } from '../domain/determination-types';
import { CASE_KIND_LABELS, type CaseState } from '../domain/workflow';
import { preliminaryOutcomes, renderPdf, type PreliminaryOutcomeRow } from '../documents';
import { listCaseEvents, listCases } from '../store/campaigns';
import { getVillage } from '../store/villages';
import { audit } from './audit';
import { requireCampaign } from './cases';
import { today, type Ctx } from './context';
import { getDocumentSettings, renderOptionsOf, requireOffice, townshipShortName } from './document-settings';

/** Where a 初审 sent a case, as the plan names the three lists (a change case kept on the roll counts as 拟纳入/维持). */
const SECTIONS: { heading: string; states: readonly CaseState[] }[] = [
  { heading: '一、拟纳入（含在保户维持）对象', states: ['proposed-inclusion', 'review'] },
  { heading: '二、拟清退对象', states: ['proposed-exit'] },
  { heading: '三、不符合条件对象', states: ['not-qualified'] },
];

/** The office's calendar day of a stored instant (the clock and the office share one time zone). */
const localDay = (at: string) => today(() => new Date(at));

export async function preliminaryOutcomesPdf(ctx: Ctx, input: { campaignId: number; villageId: number }): Promise<PreliminaryOutcomesSheet> {
  const campaign = requireCampaign(ctx, input.campaignId);
  const village = getVillage(ctx.db, input.villageId);
  if (!village || !campaign.villageIds.includes(village.id)) {
    throw new AppError('VALIDATION', '所选村（社区）不在本次专项治理范围内', [{ path: 'villageId', message: '不在范围内' }]);
  }
  const decided: { state: CaseState; row: PreliminaryOutcomeRow }[] = [];
  for (const c of listCases(ctx.db, { campaignId: campaign.id, villageId: village.id })) {
    // The latest 初审 of the case (a case sent back and decided again counts once, as last decided).
    const e = listCaseEvents(ctx.db, c.id).filter((x) => x.action === 'preliminary-decide').at(-1);
    if (!e) continue;
    const data = (e.data ?? {}) as { category?: Category; monthlyTotal?: number };
    decided.push({
      state: e.toState,
      row: {
        headName: c.headName ?? '',
        groupName: c.groupName,
        householdSize: c.size,
        kind: CASE_KIND_LABELS[c.kind],
        category: data.category ? CATEGORY_LABELS[data.category] : '',
        monthlyTotal: data.category && data.category !== 'ineligible' ? (data.monthlyTotal ?? null) : null,
        decidedOn: localDay(e.at),
        committee: e.note ?? '',
      },
    });
  }
  if (decided.length === 0) throw new AppError('WORKFLOW', `「${village.name}」在本次专项治理中尚无完成初审的案件`);
  const office = requireOffice(ctx);
  const printedOn = today(ctx.clock);
  const bytes = await renderPdf(
    preliminaryOutcomes({
      township: townshipShortName(office),
      campaign: campaign.name,
      village: village.name,
      printedOn,
      printedBy: ctx.actor.name,
      sections: SECTIONS.map((s) => ({ heading: s.heading, rows: decided.filter((d) => s.states.includes(d.state)).map((d) => d.row) })),
    }),
    renderOptionsOf(getDocumentSettings(ctx)),
  );
  const counts = SECTIONS.map((s) => decided.filter((d) => s.states.includes(d.state)).length);
  ctx.db.transaction(() => audit(ctx, 'preliminary-outcomes-print', 'campaign', campaign.id, null, { villageId: village.id, counts }))();
  return { fileName: `${village.name}初审结果名单-${printedOn}.pdf`, base64: bytes.toString('base64'), counts: { inclusion: counts[0]!, exit: counts[1]!, notQualified: counts[2]! } };
}
