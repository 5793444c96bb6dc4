import { AppError, LEGAL_TEXT_LABELS, type LegalTextKey, type LegalTextView, type Settings } from '../contract';
import { hasPlaceholder } from '../domain/issuing-authority';
import { formatChineseDate } from '../documents';
import { countLegalTexts, insertLegalText, legalTextInForce, listLegalTexts } from '../store/documents';
import { audit } from './audit';
import { nowIso, today, type Ctx } from './context';

/**
 * Texts the office starts with (spec §9). Dated rows, never edited: the office adds a new version with its own
 * county's name and a later effective date. The national 社会救助法 took effect 2026-07-01, hence two rows of
 * legal basis.
 */
export const DEFAULT_LEGAL_TEXTS: readonly { key: LegalTextKey; effectiveFrom: string; text: string }[] = [
  {
    key: 'legal-basis',
    effectiveFrom: '2014-05-01',
    text: '《社会救助暂行办法》（国务院令第649号）第九条、第十一条，《最低生活保障审核确认办法》（民发〔2021〕57号）及本省最低生活保障有关规定。',
  },
  {
    key: 'legal-basis',
    effectiveFrom: '2026-07-01',
    text: '《中华人民共和国社会救助法》、《最低生活保障审核确认办法》（民发〔2021〕57号）及本省最低生活保障有关规定。',
  },
  {
    key: 'remedies',
    effectiveFrom: '2024-01-01',
    text:
      '如对本决定不服，可以自收到本通知书之日起60日内向{县人民政府}申请行政复议，也可以在6个月内依法向人民法院提起行政诉讼' +
      '（《中华人民共和国行政复议法》（2023年修订）第二十条、《中华人民共和国行政诉讼法》第四十六条）。',
  },
];

export const DEFAULT_TEXT_AUTHOR = '系统默认';

/**
 * Names a text may carry as tokens, filled from 本镇设置 when a document is issued: the review body changes with the
 * county, not with the law, so one text serves every office and a changed name needs no new version.
 */
export const LEGAL_TEXT_TOKENS: Record<string, (office: Settings) => string> = {
  '{县人民政府}': (o) => o.countyGovernmentName,
  '{县民政局}': (o) => o.countyBureauName,
  '{乡镇人民政府}': (o) => o.townshipName,
};

/** The placeholder of the default text offices were given before the tokens (issue 12): the same slot. */
const LEGACY_DEFAULT_PLACEHOLDER = '××县人民政府';

/** Seeds the defaults of each key that has no text yet (first use); safe to call inside another transaction. */
export function ensureLegalTexts(ctx: Ctx): void {
  ctx.db.transaction(() => {
    for (const key of new Set(DEFAULT_LEGAL_TEXTS.map((t) => t.key))) {
      if (countLegalTexts(ctx.db, key) > 0) continue;
      for (const t of DEFAULT_LEGAL_TEXTS.filter((d) => d.key === key)) {
        insertLegalText(ctx.db, { ...t, createdAt: nowIso(ctx.clock), createdBy: DEFAULT_TEXT_AUTHOR });
      }
    }
  })();
}

/**
 * The text of `key` in force on `date` (the newest effective date not after it), its tokens filled from the office's
 * settings. A text that still holds a placeholder (「××」) is refused, naming the text, so it never reaches a family.
 */
export function legalTextOn(ctx: Ctx, key: LegalTextKey, date: string, office: Settings): string {
  ensureLegalTexts(ctx);
  const t = legalTextInForce(ctx.db, key, date);
  if (!t) throw new AppError('WORKFLOW', `${date} 没有生效的「${LEGAL_TEXT_LABELS[key]}」文本，请在「本镇设置 → 文书设置」中新增`);
  let text = t.createdBy === DEFAULT_TEXT_AUTHOR ? t.text.replaceAll(LEGACY_DEFAULT_PLACEHOLDER, '{县人民政府}') : t.text;
  for (const [token, value] of Object.entries(LEGAL_TEXT_TOKENS)) text = text.replaceAll(token, value(office));
  if (hasPlaceholder(text)) {
    throw new AppError(
      'WORKFLOW',
      `不能出具文书：现行的「${LEGAL_TEXT_LABELS[key]}」文本（${formatChineseDate(t.effectiveFrom)}起施行）含有占位符「××」。` +
        '请管理员在「本镇设置 → 文书设置」中新增一个版本，写明实际名称或使用 {县人民政府}、{县民政局}',
    );
  }
  return text;
}

export function legalTextList(ctx: Ctx): LegalTextView[] {
  ensureLegalTexts(ctx);
  const date = today(ctx.clock);
  const inForce = new Set(
    (['legal-basis', 'remedies'] as const).map((key) => legalTextInForce(ctx.db, key, date)?.id).filter((id) => id !== undefined),
  );
  return listLegalTexts(ctx.db).map((t) => ({ ...t, key: t.key as LegalTextKey, inForce: inForce.has(t.id) }));
}

export function legalTextAdd(ctx: Ctx, input: { key: LegalTextKey; effectiveFrom: string; text: string }): LegalTextView[] {
  return ctx.db.transaction(() => {
    ensureLegalTexts(ctx);
    const id = insertLegalText(ctx.db, { ...input, createdAt: nowIso(ctx.clock), createdBy: ctx.actor.name });
    audit(ctx, 'legal-text-add', 'legal-text', id, null, input);
    return legalTextList(ctx);
  })();
}
