import {
  AppError,
  NUMBERED_KINDS,
  type DocumentSettings,
  type DocumentSettingsState,
  type FontStatus,
  type NumberedKind,
  type Settings,
} from '../contract';
import { resolveFonts, type RenderOptions } from '../documents';
import { DEFAULT_NUMBER_PATTERN, formatDocumentNumber } from '../domain/document-number';
import { authorityRefusal } from '../domain/issuing-authority';
import { nextDocumentSeq } from '../store/documents';
import { getSetting, putSetting } from '../store/settings';
import { audit } from './audit';
import { today, type Ctx } from './context';
import { getOfficeSettings } from './settings';

const KEY = 'documents';

export const DEFAULT_DOCUMENT_SETTINGS: DocumentSettings = {
  // In the manner of 发文字号: 机关代字 + 〔年份〕 + 序号 (GB/T 9704-2012 7.2.4), e.g. 清河民低不批〔2026〕3号.
  numberPattern: DEFAULT_NUMBER_PATTERN,
  prefixes: { 'denial-notice': '不批', 'stop-notice': '停发', 'public-notice': '公示' },
  townshipAbbr: null,
  fontPath: null,
  fontBoldPath: null,
};

export function getDocumentSettings(ctx: Ctx): DocumentSettings {
  const raw = getSetting(ctx.db, KEY);
  if (raw === null) return DEFAULT_DOCUMENT_SETTINGS;
  // 县民政部门名称 moved to 本镇设置 (countyBureauName, issue 12): an older saved value is dropped, not shown.
  const { countyAuthority: _moved, ...saved } = JSON.parse(raw) as Partial<DocumentSettings> & { countyAuthority?: unknown };
  return { ...DEFAULT_DOCUMENT_SETTINGS, ...saved, prefixes: { ...DEFAULT_DOCUMENT_SETTINGS.prefixes, ...saved.prefixes } };
}

/**
 * The office settings every document needs (issuer, the county bodies, phones). Refused, naming each setting, while
 * one is unset — an office set up before issue 12 lacks the county's names — or still a 「××」 placeholder, so no
 * document can tell a family to apply 「向××县人民政府」.
 */
export function requireOffice(ctx: Ctx): Settings {
  const office = getOfficeSettings(ctx);
  const refusal = authorityRefusal(office);
  if (refusal !== null || office === null) throw new AppError('WORKFLOW', refusal ?? '请先填写本镇设置');
  return office as Settings;
}

/** 清河镇人民政府 → 清河镇 (for forms and scopes). */
export function townshipShortName(office: Pick<Settings, 'townshipName'>): string {
  return office.townshipName.replace(/人民政府$/, '').replace(/政府$/, '') || office.townshipName;
}

/** 清河镇人民政府 → 清河 (for 文号), unless the office set its own abbreviation. */
export function townshipAbbr(office: Pick<Settings, 'townshipName'>, settings: DocumentSettings): string {
  if (settings.townshipAbbr) return settings.townshipAbbr;
  const short = townshipShortName(office);
  return short.replace(/(街道办事处|街道|镇|乡)$/, '') || short;
}

export { formatDocumentNumber };

/** `seq` may be a placeholder (e.g. ×) for samples that must not look like a real number. */
export function documentNumberFor(ctx: Ctx, kind: NumberedKind, year: number, seq: number | string): string {
  const settings = getDocumentSettings(ctx);
  const office = getOfficeSettings(ctx);
  const township = office ? townshipAbbr(office, settings) : '××';
  return formatDocumentNumber(settings.numberPattern, { township, kind: settings.prefixes[kind], year, seq });
}

export function renderOptionsOf(settings: DocumentSettings): RenderOptions {
  if (!settings.fontPath) return {};
  return { fontFile: { regular: settings.fontPath, ...(settings.fontBoldPath ? { bold: settings.fontBoldPath } : {}) } };
}

/** What the system font folder gave (Windows: 仿宋, 黑体, 小标宋 under C:\Windows\Fonts), in the settings' words. */
function systemFontMessage(): string {
  let found: { body: boolean; heading: boolean; title: boolean };
  try {
    found = resolveFonts({}).systemFonts;
  } catch {
    return '使用内置字体（思源宋体）';
  }
  const parts = [found.body ? '正文用本机仿宋' : '', found.heading ? '粗体用本机黑体' : '', found.title ? '标题用本机小标宋' : ''].filter(Boolean);
  return parts.length ? `${parts.join('，')}；本机没有的字体和缺字用内置思源宋体` : '使用内置字体（思源宋体）';
}

export function fontStatusOf(settings: DocumentSettings): FontStatus {
  if (!settings.fontPath) return { configured: false, usable: false, message: systemFontMessage() };
  let usable: boolean;
  try {
    usable = resolveFonts(renderOptionsOf(settings)).usedOverride;
  } catch {
    usable = false;
  }
  return usable
    ? { configured: true, usable: true, message: '字体文件可用，文书将使用该字体' }
    : { configured: true, usable: false, message: '字体文件不存在或不是有效的 TrueType/OpenType 字体，文书将改用内置字体（思源宋体）' };
}

export function documentSettingsState(ctx: Ctx): DocumentSettingsState {
  const settings = getDocumentSettings(ctx);
  const year = Number(today(ctx.clock).slice(0, 4));
  const nextSeq = Object.fromEntries(NUMBERED_KINDS.map((kind) => [kind, nextDocumentSeq(ctx.db, kind, year)])) as Record<NumberedKind, number>;
  const examples = Object.fromEntries(NUMBERED_KINDS.map((kind) => [kind, documentNumberFor(ctx, kind, year, nextSeq[kind])])) as Record<NumberedKind, string>;
  const office = getOfficeSettings(ctx);
  // What 乡镇简称 becomes when the field is left empty, so the page can show the number live while the clerk types.
  const defaultTownshipAbbr = office ? townshipAbbr(office, { ...settings, townshipAbbr: null }) : '××';
  return { settings, fontStatus: fontStatusOf(settings), examples, year, nextSeq, defaultTownshipAbbr };
}

export function documentSettingsUpdate(ctx: Ctx, input: DocumentSettings): DocumentSettingsState {
  return ctx.db.transaction(() => {
    const before = getDocumentSettings(ctx);
    putSetting(ctx.db, KEY, JSON.stringify(input));
    audit(ctx, 'document-settings-update', 'settings', null, before, input);
    return documentSettingsState(ctx);
  })();
}
