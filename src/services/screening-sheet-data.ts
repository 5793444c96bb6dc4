// 《重点对象摸排表》 data: the village's focus list with the cadres' screening results of one campaign.
import type { Village } from '../contract';
import { screeningSheet, SCREENING_SHEET_TITLE, type ScreeningRow } from '../documents';
import { SCREENING_RESULT_LABELS } from '../domain/workflow';
import type { Ctx } from './context';
import type { BuiltDocument } from './document-data';
import { focusList } from './screening-focus';

export function screeningSheetDocument(ctx: Ctx, campaignId: number | null, village: Village, meta: { township: string; issueDate: string }): BuiltDocument {
  const list = focusList(ctx, { villageId: village.id, campaignId });
  const rows: ScreeningRow[] = list.households.map((h) => {
    const types = [...new Set(h.flags.map((f) => f.label))];
    if (h.isRecipient) types.push('现有低保户');
    if (h.isCadreAddition) types.push('村干部摸排增加');
    const situation = h.flags
      .filter((f) => f.detail)
      .map((f) => `${f.personName}：${f.detail}`)
      .join('；');
    return {
      headName: h.headName ?? '（未设户主）',
      householdSize: h.size,
      focusTypes: types,
      situation,
      isCurrentRecipient: h.isRecipient,
      proposal: h.case?.screeningResult ? SCREENING_RESULT_LABELS[h.case.screeningResult] : '',
      ...(h.case?.screeningNote ? { note: h.case.screeningNote } : {}),
    };
  });
  const data = {
    township: meta.township,
    village: village.name,
    area: village.kind === 'community' ? '全社区' : '全村',
    cadreName: ctx.actor.role === 'cadre' ? ctx.actor.name : '',
    fillDate: meta.issueDate,
    rows,
    blankRows: rows.length ? 5 : 12,
  };
  return {
    kind: 'screening-sheet',
    householdId: null,
    villageId: village.id,
    subject: village.name,
    title: `${village.name}${SCREENING_SHEET_TITLE}`,
    snapshot: { ...data, campaignId },
    definition: screeningSheet(data),
  };
}
