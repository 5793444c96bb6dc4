// The one place a document definition becomes PDF bytes. pdfmake 0.3's Node build (package "main":
// js/index.js) is used with fonts from resources/fonts, never vfs_fonts.js (Roboto has no CJK glyphs).
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { DocDefinition } from './doc-definition.js';
import { FONT_FAMILY, moveLastRows, strandedSignatureTable, tablesBeforeSignature } from './layout.js';

export type FontFileOverride = { regular: string; bold?: string };

export type RenderOptions = {
  /** The office's own font (e.g. its 仿宋 TTF) from Settings; a missing or unreadable file falls back to the bundled font. */
  fontFile?: FontFileOverride;
  /** Where NotoSerifSC-Regular.ttf / -Bold.ttf live; defaults to <repo>/resources/fonts (the packaged app passes its own). */
  fontsDir?: string;
};

export const BUNDLED_REGULAR = 'NotoSerifSC-Regular.ttf';
export const BUNDLED_BOLD = 'NotoSerifSC-Bold.ttf';

const DEFAULT_FONTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'fonts');

/** Signed PDF epoch used when a definition carries no date, so output never depends on the clock. */
const FIXED_EPOCH = new Date(Date.UTC(2000, 0, 1));

// Nothing a template produces should reach the network or the disk through pdfmake; fonts are handed
// over in memory below, so both policies refuse everything.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

/** TrueType, OpenType/CFF or a collection: checked before handing bytes to pdfkit, whose error would abort the render. */
function isFontFile(bytes: Buffer): boolean {
  if (bytes.length < 12) return false;
  const tag = bytes.subarray(0, 4).toString('latin1');
  return tag === '\u0000\u0001\u0000\u0000' || tag === 'true' || tag === 'OTTO' || tag === 'ttcf';
}

/**
 * Each distinct font file is loaded once per process and parked in pdfmake's in-memory file system
 * under a key naming its path, size and mtime: a 14 MB read per document would dominate batch runs.
 */
const loadedKeys = new Map<string, string | null>();
/** The buffers loadFont read: only fonts parsed from these share decoded tables (see shareFontTables). */
const ourBuffers = new WeakSet<object>();
const decodedTables = new WeakMap<object, Map<string, unknown>>();
const wrappedPrototypes = new WeakSet<object>();
const fontStats = { fileReads: 0, tableDecodes: 0 };
type FontkitFont = { stream?: { buffer?: unknown }; _decodeTable?: (table: { tag: string }) => unknown };

function loadFont(path: string): string | null {
  let stamp: string;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return null;
    stamp = `${path}|${stats.size}|${stats.mtimeMs}`;
  } catch {
    return null;
  }
  const known = loadedKeys.get(stamp);
  if (known !== undefined) return known;
  let key: string | null = null;
  try {
    const bytes = readFileSync(path);
    fontStats.fileReads++;
    if (isFontFile(bytes)) {
      ourBuffers.add(bytes);
      key = `dibao-font-${loadedKeys.size}.ttf`;
      pdfmake.virtualfs.writeFileSync(key, bytes);
    }
  } catch {
    key = null;
  }
  loadedKeys.set(stamp, key);
  return key;
}

function bundledCandidates(fontsDir: string, file: string, packageFile: string): string[] {
  const candidates = [join(fontsDir, file)];
  // In a development checkout the copy step may not have run yet; the npm package holds the same file.
  try {
    const require = createRequire(import.meta.url);
    const packageDir = dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
    candidates.push(join(packageDir, packageFile));
  } catch {
    // devDependency absent in a packaged app: the resources copy is the only source.
  }
  return candidates;
}

function firstLoadable(paths: readonly string[]): string | null {
  for (const path of paths) {
    const key = loadFont(path);
    if (key) return key;
  }
  return null;
}

export type ResolvedFonts = { normal: string; bold: string; usedOverride: boolean };

/** Picks the font files for one render; exported so Settings can tell the user whether their font was usable. */
export function resolveFonts(options: RenderOptions = {}): ResolvedFonts {
  const fontsDir = options.fontsDir ?? DEFAULT_FONTS_DIR;
  const bundledRegular = firstLoadable(bundledCandidates(fontsDir, BUNDLED_REGULAR, '400Regular/NotoSerifSC_400Regular.ttf'));
  const bundledBold = firstLoadable(bundledCandidates(fontsDir, BUNDLED_BOLD, '700Bold/NotoSerifSC_700Bold.ttf'));
  const overrideRegular = options.fontFile ? loadFont(options.fontFile.regular) : null;
  const overrideBold = options.fontFile?.bold ? loadFont(options.fontFile.bold) : null;
  const normal = overrideRegular ?? bundledRegular;
  // 仿宋 has no bold face; titles then keep the bundled bold serif, as 公文 titles use a different face anyway.
  const bold = (overrideRegular ? overrideBold : null) ?? bundledBold ?? normal;
  if (!normal || !bold) {
    throw new Error(`找不到文书字体：请运行 node scripts/copy-fonts.mjs，或检查 ${join(fontsDir, BUNDLED_REGULAR)}`);
  }
  return { normal, bold, usedOverride: overrideRegular !== null };
}

/**
 * Renders a definition to PDF bytes. Deterministic: pdfkit derives the file ID from the info
 * dictionary and names font subsets from per-document counters, so with CreationDate/ModDate taken
 * from the data the same input yields byte-identical output (the registry's reprint guarantee).
 */
export async function renderPdf(docDefinition: DocDefinition, options: RenderOptions = {}): Promise<Buffer> {
  const fonts = resolveFonts(options);
  const creationDate = docDefinition.info.creationDate ?? FIXED_EPOCH;
  // pdfmake mutates the definition it is given (fills defaults, resolves URLs); keep the caller's intact.
  const info = { ...docDefinition.info, creationDate, modDate: docDefinition.info.modDate ?? creationDate };
  // A list whose signature row would open a page by itself (layout.ts) is laid out again with its last row moved
  // there too; otherwise the first layout is the document. Deterministic: the same data takes the same path.
  const stranded = new Set<string>();
  const candidates = tablesBeforeSignature(docDefinition.content);
  const first = await renderOnce(
    {
      ...docDefinition,
      info,
      content: structuredCloneContent(docDefinition.content),
      pageBreakBefore: (node, helpers) => {
        const table = candidates.size > 0 ? strandedSignatureTable(node, helpers) : null;
        if (table && candidates.has(table)) stranded.add(table);
        return docDefinition.pageBreakBefore?.(node, helpers) ?? false;
      },
    },
    fonts,
  );
  if (stranded.size === 0) return first;
  return renderOnce({ ...docDefinition, info, content: [moveLastRows(structuredCloneContent(docDefinition.content), stranded)] }, fonts);
}

async function renderOnce(definition: DocDefinition, fonts: ResolvedFonts): Promise<Buffer> {
  // setFonts and createPdf run in the same tick and createPdf copies the table synchronously, so
  // concurrent renders with different fonts cannot see each other's choice.
  pdfmake.setFonts({ [FONT_FAMILY]: { normal: fonts.normal, bold: fonts.bold, italics: fonts.normal, bolditalics: fonts.bold } });
  const output = pdfmake.createPdf(definition);
  shareFontTables(await output.getStream());
  return output.getBuffer();
}

/** The width in points of a one-line text at a font size, in the regular face a render would use. */
export type TextMeasure = (text: string, fontSize: number) => number;
type GlyphFont = { unitsPerEm: number; glyphForCodePoint: (codePoint: number) => { advanceWidth: number } };
const measures = new Map<string, TextMeasure>();

/**
 * Sums the font's own advance widths per code point (no shaping, so no kerning: what callers need is whether a
 * text surely fits, and they leave a margin). The fontkit font is taken from a one-word document, as pdfmake loads
 * it; the office's own 仿宋 gets its own measure.
 */
export async function textMeasure(options: RenderOptions = {}): Promise<TextMeasure> {
  const fonts = resolveFonts(options);
  const known = measures.get(fonts.normal);
  if (known) return known;
  pdfmake.setFonts({ [FONT_FAMILY]: { normal: fonts.normal, bold: fonts.bold, italics: fonts.normal, bolditalics: fonts.bold } });
  const probe = pdfmake.createPdf({ info: { creationDate: FIXED_EPOCH }, content: [{ text: '字' }], defaultStyle: { font: FONT_FAMILY } } as unknown as Parameters<typeof pdfmake.createPdf>[0]);
  const kit = (await probe.getStream()) as { _fontFamilies?: Record<string, { font?: GlyphFont }> };
  shareFontTables(kit);
  const font = Object.values(kit._fontFamilies ?? {}).find((f) => f.font?.glyphForCodePoint)?.font;
  if (!font) throw new Error('文书字体无法读取字宽');
  const em = new Map<number, number>();
  const measure: TextMeasure = (text, fontSize) => {
    let width = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let w = em.get(cp);
      if (w === undefined) em.set(cp, (w = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm));
      width += w;
    }
    return width * fontSize;
  };
  measures.set(fonts.normal, measure);
  return measure;
}

/**
 * pdfkit parses its font afresh for every document (`fontkit.create` on the buffer handed over above); with two
 * 14.8 MB CJK fonts, decoding their cmap, metrics and layout tables again was most of a notice's fixed cost. The
 * decoded tables depend on the font bytes only and fontkit never changes them (a subset clones what it edits), so
 * every font parsed from one of our loaded buffers shares them: decoded once per process. pdfkit exports neither
 * fontkit nor its font factory, and a bundle may hold two fontkit builds, so the very class pdfkit used is taken from
 * the first document's font object and its table decoder wrapped, for our buffers only.
 */

function shareFontTables(pdfKitDoc: unknown): void {
  const families = (pdfKitDoc as { _fontFamilies?: Record<string, { font?: FontkitFont }> })._fontFamilies ?? {};
  for (const embedded of Object.values(families)) {
    let proto: object | null = embedded.font ? Object.getPrototypeOf(embedded.font) : null;
    while (proto && !Object.prototype.hasOwnProperty.call(proto, '_decodeTable')) proto = Object.getPrototypeOf(proto);
    if (!proto || wrappedPrototypes.has(proto)) continue;
    wrappedPrototypes.add(proto);
    const target = proto as Required<Pick<FontkitFont, '_decodeTable'>>;
    const decode = target._decodeTable;
    target._decodeTable = function (this: FontkitFont, table: { tag: string }) {
      const buffer = this.stream?.buffer;
      if (!buffer || typeof buffer !== 'object' || !ourBuffers.has(buffer)) return decode.call(this, table);
      let tables = decodedTables.get(buffer);
      if (!tables) decodedTables.set(buffer, (tables = new Map()));
      if (!tables.has(table.tag)) {
        fontStats.tableDecodes++;
        tables.set(table.tag, decode.call(this, table));
      }
      return tables.get(table.tag);
    };
  }
}

/** How often font files were read and font tables decoded in this process (tests: both stop growing). */
export function fontCacheStats(): { fileReads: number; tableDecodes: number } {
  return { ...fontStats };
}

/** Deep copy of plain content (templates may put functions in table layouts, which are shared, not copied). */
function structuredCloneContent<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => structuredCloneContent(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = structuredCloneContent(item);
    return copy as T;
  }
  return value;
}
