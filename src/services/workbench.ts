import type { Workbench, WorkbenchRow } from '../contract';
import { phaseOfState, type CaseState } from '../domain/workflow';
import { caseCounts } from '../store/campaigns';
import { getVillage } from '../store/villages';
import { today, type Ctx } from './context';
import { requireCampaign } from './cases';

const PHASE_ORDER = ['publicity', 'application', 'hearing', 'approval'] as const;

/**
 * Per village and phase: cases done, pending, and whether pending work is past the phase's end date (plan
 * 四(三) "每个工作阶段上报工作完成进度"). A case counts as done for every phase before the one its state is in.
 */
export function workbench(ctx: Ctx, input: { campaignId: number; villageId: number | null }): Workbench {
  const campaign = requireCampaign(ctx, input.campaignId);
  const now = today(ctx.clock);
  const villages = input.villageId === null ? campaign.villageIds : campaign.villageIds.filter((v) => v === input.villageId);
  const counts = caseCounts(ctx.db, campaign.id, input.villageId);
  const rows: WorkbenchRow[] = villages.map((villageId) => {
    const byState: Partial<Record<CaseState, number>> = {};
    for (const c of counts) if (c.villageId === villageId) byState[c.state] = c.n;
    const total = Object.values(byState).reduce((a, b) => a + (b ?? 0), 0);
    const cells = campaign.phases
      .filter((p) => p.key !== 'publicity')
      .map((p) => {
        const pendingStates = (Object.keys(byState) as CaseState[]).filter((s) => phaseOfState(s) === p.key);
        const pending = pendingStates.reduce((a, s) => a + (byState[s] ?? 0), 0);
        const later = (Object.keys(byState) as CaseState[]).filter((s) => {
          const ph = phaseOfState(s);
          return ph === null || PHASE_ORDER.indexOf(ph) > PHASE_ORDER.indexOf(p.key);
        });
        const done = later.reduce((a, s) => a + (byState[s] ?? 0), 0);
        return { phase: p.key, done, pending, overdue: pending > 0 && now > p.end, pendingStates };
      });
    return { villageId, villageName: getVillage(ctx.db, villageId)?.name ?? '', total, byState, cells };
  });
  return { campaignId: campaign.id, campaignName: campaign.name, today: now, phases: campaign.phases, rows };
}
