// What a refusal or a stop says (issue 12): the notice quotes the finding that decided it, from the frozen rule
// trace of the determination (spec §6), not the clerk's summary of it. A reviewer reading the notice must find the
// test that failed with its figures — the per-capita income against the standard, the low-income ceiling, the
// medical-expense test — or the recorded asset finding. Pure: the services hand in the saved determination.
import { ASSETS_NOT_COMPLIANT } from './eligibility';
import type { Category } from './determination-types';

/** The parts of a saved determination the wording is decided from. */
export type DecidingDetermination = {
  category: Category;
  /** The rule trace, one line per test, as frozen with the determination. */
  reasons: readonly string[];
  /** The township's recorded finding on 家庭财产状况 (核对: 车辆、房产、存款…), if any. */
  assetsNote: string | null;
};

/** The most reason lines a notice carries: it must fit one page with them (GB/T 9704 layout, issue 12). */
export const MAX_NOTICE_REASONS = 5;

/** A trace line that records a failed test ends with the plan's clause, e.g. 「…（方案二(一)1）」. */
const CLAUSE_TAG = /（方案二\(一\)[123]?(、二\(三\))?）$/;
/** Words of a failed test in the engine's trace (src/domain/eligibility.ts). */
const FAILED = ['不低于', '不属于', '无重病', '不符合'];

/**
 * The lines of an ineligible determination's trace that decided it, in trace order: the asset finding when the
 * assets failed (nothing else was tested then), else each category test that failed with its figures — 困难家庭
 * (per-capita income against the standard), 低收入家庭 (the ceiling, or no 重病/重残 member) and 因病支出型家庭.
 * Null for an eligible determination: it decided nothing against the family.
 */
export function ineligibilityGrounds(d: DecidingDetermination): string[] | null {
  if (d.category !== 'ineligible') return null;
  if (d.reasons.some((r) => r.startsWith(ASSETS_NOT_COMPLIANT))) {
    // The finding is stored as 「核对：车辆：…；房产：…。说明」 (src/services/verification.ts).
    const finding = d.assetsNote?.trim().replace(/^核对[：:]/, '');
    return [finding ? `${ASSETS_NOT_COMPLIANT}（方案二(一)）。核对认定：${finding.replace(/[。；;\s]+$/, '')}` : `${ASSETS_NOT_COMPLIANT}（方案二(一)）`];
  }
  const failed = d.reasons.filter((r) => CLAUSE_TAG.test(r) && FAILED.some((w) => r.includes(w)));
  // A trace written by an older engine may not tag its lines; then its last line (the summary) is the ground.
  if (failed.length === 0) return d.reasons.length > 0 ? [d.reasons[d.reasons.length - 1]!] : [];
  // The 因病支出型 sub-tests carry their whole arithmetic (up to 110 characters each); the engine's summary names
  // the sub-tests that failed with their results, which is what the family needs and what fits the page.
  const summary = d.reasons.at(-1) ?? '';
  const at = summary.indexOf(MEDICAL_FAILED);
  if (at === -1) return failed;
  const medical = `${summary.slice(at)}（方案二(一)3）`;
  return [...failed.filter((r) => !r.endsWith(MEDICAL_TAG)), medical];
}

const MEDICAL_FAILED = '不符合因病支出型家庭条件：';
const MEDICAL_TAG = '（方案二(一)3）';

export type NoticeWording = {
  /** True when a determination found the family ineligible; the opening then says so. */
  fromDetermination: boolean;
  /** Numbered reason lines, at most MAX_NOTICE_REASONS. */
  reasons: string[];
};

export type WordingProblem = { ok: false; message: string };

/**
 * 停发通知书: the written reason of the decision (the village committee's, the township's, or the end of a gradual
 * exit) first, then the grounds of the determination that found the family ineligible. A determination that still
 * found the family eligible is not quoted: its trace would contradict the stop, and the decision then rests on the
 * written reason alone (the committee may differ from the engine only with one, plan 三(二)第五步).
 */
export function stopNoticeWording(input: { determination: DecidingDetermination | null; writtenReason: string | null }): NoticeWording | WordingProblem {
  const grounds = input.determination ? ineligibilityGrounds(input.determination) : null;
  const written = input.writtenReason?.trim() || null;
  if (!grounds?.length && !written) {
    return { ok: false, message: '停发须有理由：该户最近的测算结果并非「不符合条件」，请写明停发原因' };
  }
  return { fromDetermination: Boolean(grounds?.length), reasons: limit([...(written ? [written] : []), ...(grounds ?? [])]) };
}

/**
 * 不予批准通知书: the panel's written reason when the township refused an eligible determination at 审批; otherwise
 * the grounds of the ineligible determination the case was decided on (with the asset finding when that was it).
 */
export function denialNoticeWording(input: { determination: DecidingDetermination | null; panelReason: string | null }): NoticeWording | WordingProblem {
  const panel = input.panelReason?.trim() || null;
  if (panel) return { fromDetermination: false, reasons: [panel] };
  const grounds = input.determination ? ineligibilityGrounds(input.determination) : null;
  if (!grounds?.length) return { ok: false, message: '不予批准须有依据：该户的测算结果不是「不符合条件」，且没有审批会议写明的不予批准理由' };
  return { fromDetermination: true, reasons: limit(grounds) };
}

/** More lines than a page holds are joined into the last one rather than dropped: every ground stays quoted. */
function limit(lines: string[]): string[] {
  if (lines.length <= MAX_NOTICE_REASONS) return lines;
  return [...lines.slice(0, MAX_NOTICE_REASONS - 1), lines.slice(MAX_NOTICE_REASONS - 1).join('；')];
}

export const isWordingProblem = (w: NoticeWording | WordingProblem): w is WordingProblem => 'ok' in w;
