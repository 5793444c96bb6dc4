import { AppError, type LegalTextKey, type LegalTextView } from '../contract';
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
      '如对本决定不服，可以自收到本通知书之日起60日内向××县人民政府申请行政复议，也可以在6个月内依法向人民法院提起行政诉讼' +
      '（《中华人民共和国行政复议法》（2023年修订）第二十条、《中华人民共和国行政诉讼法》第四十六条）。',
  },
];

export const DEFAULT_TEXT_AUTHOR = '系统默认';

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

/** The text of `key` in force on `date` (the newest effective date not after it). */
export function legalTextOn(ctx: Ctx, key: LegalTextKey, date: string): string {
  ensureLegalTexts(ctx);
  const t = legalTextInForce(ctx.db, key, date);
  if (!t) throw new AppError('WORKFLOW', `${date} 没有生效的「${key === 'remedies' ? '救济途径' : '法律依据'}」文本，请在「文书设置」中新增`);
  return t.text;
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
