// The village's 重点对象 list (spec §8) and what the cadres' screening made of it (plan 三(二)第一步): households
// flagged by the latest department lists, current recipients and households a cadre added by opening a case.
import { AppError, type FocusFlagView, type FocusHousehold, type FocusList, type ProposalRow, type Proposals } from '../contract';
import { SCREENING_FLAG_LABELS, isFocusFlag } from '../domain/screening';
import { findCase, listCaseEvents, listCases, type CaseRow } from '../store/campaigns';
import { getHouseholdRow } from '../store/households';
import { currentFlagsOfVillage, latestBatch, recipientHouseholdIds } from '../store/screening';
import { SCREENING_SOURCES } from '../domain/screening';
import { caseOpen, openCaseElsewhere, requireCampaign, requireScreeningCampaign } from './cases';
import type { Ctx } from './context';
import { requireVillage } from './villages';

export function focusList(ctx: Ctx, input: { villageId: number; campaignId: number | null }): FocusList {
  const village = requireVillage(ctx, input.villageId);
  if (input.campaignId !== null) requireCampaign(ctx, input.campaignId);

  const flagsByHousehold = new Map<number, FocusFlagView[]>();
  for (const f of currentFlagsOfVillage(ctx.db, village.id)) {
    if (!isFocusFlag(f.flag)) continue;
    const list = flagsByHousehold.get(f.householdId) ?? [];
    list.push({ source: f.source, flag: f.flag, label: SCREENING_FLAG_LABELS[f.flag], personName: f.personName, detail: f.detail });
    flagsByHousehold.set(f.householdId, list);
  }
  const recipients = new Set(recipientHouseholdIds(ctx.db, village.id));
  const cases = new Map<number, CaseRow>(
    input.campaignId === null ? [] : listCases(ctx.db, { campaignId: input.campaignId, villageId: village.id }).map((c) => [c.householdId, c]),
  );
  const ids = [...new Set([...flagsByHousehold.keys(), ...recipients, ...cases.keys()])];
  const households: FocusHousehold[] = [];
  for (const id of ids) {
    const h = getHouseholdRow(ctx.db, id);
    if (!h) continue;
    const flags = flagsByHousehold.get(id) ?? [];
    const c = cases.get(id);
    const elsewhere = c || input.campaignId === null ? null : openCaseElsewhere(ctx, id);
    households.push({
      householdId: id,
      headName: h.head_name,
      groupName: h.group_name,
      address: h.address,
      size: h.size,
      status: h.status,
      isRecipient: recipients.has(id),
      isCadreAddition: flags.length === 0 && !recipients.has(id) && c !== undefined,
      flags,
      case: c ? { id: c.id, kind: c.kind, state: c.state, screeningResult: c.screeningResult, screeningNote: c.screeningNote } : null,
      openCaseElsewhere: elsewhere,
    });
  }
  // The village's own order of 村民小组 (第一, 第二, …), not the collation of their names.
  const groupOrder = (g: string | null) => (g === null ? Number.MAX_SAFE_INTEGER : village.groups.indexOf(g));
  households.sort((a, b) => groupOrder(a.groupName) - groupOrder(b.groupName) || a.householdId - b.householdId);
  const sources = SCREENING_SOURCES.flatMap((s) => {
    const b = latestBatch(ctx.db, s);
    return b ? [{ source: s, batchId: b.id, fileName: b.fileName, importedAt: b.importedAt }] : [];
  });
  return { villageId: village.id, villageName: village.name, campaignId: input.campaignId, households, sources };
}

/** Opens a case for every flagged household and every recipient of the village that has none yet. Idempotent. */
export function openFocusCases(ctx: Ctx, input: { campaignId: number; villageId: number }): { created: number; existing: number; elsewhere: number } {
  return ctx.db.transaction(() => {
    const campaign = requireScreeningCampaign(ctx, input.campaignId);
    const village = requireVillage(ctx, input.villageId);
    if (!campaign.villageIds.includes(village.id)) {
      throw new AppError('VALIDATION', `「${village.name}」不在「${campaign.name}」的范围内`, [{ path: 'villageId', message: '不在本次专项治理范围内' }]);
    }
    let created = 0;
    let existing = 0;
    let elsewhere = 0;
    for (const h of focusList(ctx, { villageId: village.id, campaignId: null }).households) {
      if (findCase(ctx.db, campaign.id, h.householdId)) {
        existing++;
        continue;
      }
      if (openCaseElsewhere(ctx, h.householdId)) {
        elsewhere++;
        continue;
      }
      const why = h.flags.length ? `重点对象：${[...new Set(h.flags.map((f) => f.label))].join('、')}` : '现有低保户';
      caseOpen(ctx, { campaignId: campaign.id, householdId: h.householdId, note: why });
      created++;
    }
    return { created, existing, elsewhere };
  })();
}

/** 拟申请 / 拟退出 (and 维持, 无需) as the cadres recorded them: what the village committee studies. */
export function proposals(ctx: Ctx, input: { campaignId: number; villageId: number }): Proposals {
  requireCampaign(ctx, input.campaignId);
  requireVillage(ctx, input.villageId);
  const out: Proposals = { apply: [], exit: [], maintain: [], none: [], pending: 0 };
  for (const c of listCases(ctx.db, { campaignId: input.campaignId, villageId: input.villageId })) {
    if (!c.screeningResult) {
      out.pending++;
      continue;
    }
    const screen = listCaseEvents(ctx.db, c.id)
      .filter((e) => e.action === 'screen')
      .at(-1);
    const row: ProposalRow = {
      caseId: c.id,
      householdId: c.householdId,
      headName: c.headName,
      groupName: c.groupName,
      size: c.size,
      kind: c.kind,
      state: c.state,
      result: c.screeningResult,
      note: c.screeningNote,
      screenedBy: screen?.actor ?? null,
      screenedAt: screen?.at ?? null,
    };
    out[c.screeningResult].push(row);
  }
  return out;
}
