// The one place a document definition becomes PDF bytes. pdfmake 0.3's Node build (package "main":
// js/index.js) is used with fonts from resources/fonts, never vfs_fonts.js (Roboto has no CJK glyphs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { Content, ContentObject, DocDefinition } from './doc-definition.js';
import { FONT_FAMILY, KEEP_LAST_ROW_ID, KEEP_SIGNATURE_ID, KEEP_TABLE_ID, TITLE_FONT_FAMILY } from './layout.js';

export type FontFileOverride = { regular: string; bold?: string };

export type RenderOptions = {
  /** The office's own font (e.g. its 仿宋 TTF) from Settings; a missing or unreadable file falls back to the bundled font. */
  fontFile?: FontFileOverride;
  /** Where NotoSerifSC-Regular.ttf / -Bold.ttf live; defaults to <repo>/resources/fonts (the packaged app passes its own). */
  fontsDir?: string;
  /**
   * The system's font folder, searched for the office fonts of GB/T 9704 — 仿宋 (simfang.ttf) for the body, 黑体
   * (simhei.ttf) for headings, 方正小标宋 for titles — and SimSun-ExtB (simsunb.ttf) for rare characters. Defaults to
   * %WINDIR%\Fonts on Windows and to none elsewhere; null searches nowhere. Injectable so tests use a fake folder.
   */
  systemFontsDir?: string | null;
  /**
   * Fonts tried in order for characters the chosen fonts lack (CJK Extension B names such as 𠮷), after the bundled
   * Noto Serif SC and the system folder's SimSun-ExtB. Defaults to Debian's fonts-hanazono (HanaMinA/B) where installed.
   */
  fallbackFontFiles?: readonly string[];
};

const DEFAULT_SYSTEM_FONTS_DIR = process.platform === 'win32' ? join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts') : null;
const DEFAULT_FALLBACK_FILES =
  process.platform === 'win32' ? [] : ['/usr/share/fonts/truetype/hanazono/HanaMinB.ttf', '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf'];

/** File names in a Windows font folder, lower case (Windows matches names case-insensitively). */
const OFFICE_FONT_FILES = {
  body: ['simfang.ttf'],
  heading: ['simhei.ttf'],
  title: ['fzxbsjw.ttf', 'fzxbsk.ttf', 'fzxbs_gbk.ttf'],
  extB: ['simsunb.ttf'],
} as const;

const folderListings = new Map<string, Map<string, string>>();

/** The path of the first of `names` present in `dir` (case-insensitive), read once per folder and process. */
function inFolder(dir: string | null, names: readonly string[]): string | null {
  if (!dir) return null;
  let listing = folderListings.get(dir);
  if (!listing) {
    listing = new Map();
    try {
      for (const file of readdirSync(dir)) listing.set(file.toLowerCase(), join(dir, file));
    } catch {
      // No such folder (or unreadable): nothing found there.
    }
    folderListings.set(dir, listing);
  }
  for (const name of names) {
    const path = listing.get(name);
    if (path) return path;
  }
  return null;
}

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

/** The pdfmake virtual-file key of a fallback font, reading its file now if no text needed it before (null: unusable). */
export function fallbackFontKey(fallback: FallbackFont): string | null {
  return 'key' in fallback ? fallback.key : loadFont(fallback.path);
}

/** A fallback font: one already loaded (its pdfmake key), or a file read the first time a character needs it. */
export type FallbackFont = { key: string } | { path: string };

export type ResolvedFonts = {
  /** Body text: the office's own font, else 仿宋 from the system folder, else the bundled Noto Serif SC. */
  normal: string;
  /** Bold text (table headers, labels): 黑体 from the system folder, else the bundled bold serif. */
  bold: string;
  /** Titles: 方正小标宋 from the system folder, else the bold face. */
  title: string;
  /** Fonts for characters the three above lack, in order of preference (loaded lazily, when a text needs one). */
  fallbacks: readonly FallbackFont[];
  usedOverride: boolean;
  /** Which office fonts were found in the system folder (Settings shows them). */
  systemFonts: { body: boolean; heading: boolean; title: boolean };
};

/** Picks the font files for one render; exported so Settings can tell the user whether their font was usable. */
export function resolveFonts(options: RenderOptions = {}): ResolvedFonts {
  const fontsDir = options.fontsDir ?? DEFAULT_FONTS_DIR;
  const systemDir = options.systemFontsDir === undefined ? DEFAULT_SYSTEM_FONTS_DIR : options.systemFontsDir;
  const bundledRegular = firstLoadable(bundledCandidates(fontsDir, BUNDLED_REGULAR, '400Regular/NotoSerifSC_400Regular.ttf'));
  const bundledBold = firstLoadable(bundledCandidates(fontsDir, BUNDLED_BOLD, '700Bold/NotoSerifSC_700Bold.ttf'));
  const overrideRegular = options.fontFile ? loadFont(options.fontFile.regular) : null;
  const overrideBold = options.fontFile?.bold ? loadFont(options.fontFile.bold) : null;
  const load = (names: readonly string[]) => {
    const path = inFolder(systemDir, names);
    return path ? loadFont(path) : null;
  };
  const systemBody = load(OFFICE_FONT_FILES.body);
  const systemHeading = load(OFFICE_FONT_FILES.heading);
  const systemTitle = load(OFFICE_FONT_FILES.title);
  const normal = overrideRegular ?? systemBody ?? bundledRegular;
  // 仿宋 has no bold face: headings take 黑体 (GB/T 9704's face for them), else the bundled bold serif.
  const bold = (overrideRegular ? overrideBold : null) ?? systemHeading ?? bundledBold ?? normal;
  if (!normal || !bold) {
    throw new Error(`找不到文书字体：请运行 node scripts/copy-fonts.mjs，或检查 ${join(fontsDir, BUNDLED_REGULAR)}`);
  }
  // Fallback files are only named here; loadFont reads one the first time a text needs it (HanaMinB is 30 MB).
  const extB = inFolder(systemDir, OFFICE_FONT_FILES.extB);
  const fallbacks: FallbackFont[] = [
    ...(bundledRegular && bundledRegular !== normal ? [{ key: bundledRegular }] : []),
    ...[extB, ...(options.fallbackFontFiles ?? DEFAULT_FALLBACK_FILES)].filter((f): f is string => f !== null).map((path) => ({ path })),
  ];
  return {
    normal,
    bold,
    title: systemTitle ?? bold,
    fallbacks,
    usedOverride: overrideRegular !== null,
    systemFonts: { body: systemBody !== null, heading: systemHeading !== null, title: systemTitle !== null },
  };
}

/**
 * Renders a definition to PDF bytes. Deterministic: pdfkit derives the file ID from the info
 * dictionary and names font subsets from per-document counters, so with CreationDate/ModDate taken
 * from the data the same input yields byte-identical output (the registry's reprint guarantee).
 */
export async function renderPdf(docDefinition: DocDefinition, options: RenderOptions = {}): Promise<Buffer> {
  const keeps = JSON.stringify(docDefinition.content).includes(KEEP_SIGNATURE_ID);
  if (!keeps) return renderOnce(docDefinition, options, null);
  const pages = { lastRow: 0, total: 0 };
  const first = await renderOnce(docDefinition, options, pages);
  // The signature block ends the document. pdfmake reports an unbreakable block at the page it was first tried on,
  // not where it was placed, so the test is on the last row: on the last page, the block is with it.
  if (pages.lastRow >= pages.total) return first;
  return renderOnce({ ...docDefinition, content: docDefinition.content.map(splitKeptTable) }, options, null);
}

/**
 * The marked table (layout.ts tableThenSignature) without its last row, then the last row under a repeated header
 * starting the next page, where the signature block follows it. Called only when the block fell on a later page.
 */
function splitKeptTable(node: Content): Content {
  if (Array.isArray(node)) return node.map(splitKeptTable);
  if (typeof node !== 'object' || node === null) return node;
  if (node.id === KEEP_TABLE_ID && node.table) {
    const headerRows = node.table.headerRows ?? 0;
    const body = node.table.body;
    if (body.length - headerRows <= 1) return { ...node, id: undefined, pageBreak: 'before' } satisfies ContentObject;
    return [
      { ...node, id: undefined, margin: marginTopOnly(node), table: { ...node.table, body: body.slice(0, -1) } },
      { ...node, id: undefined, pageBreak: 'before', table: { ...node.table, body: [...body.slice(0, headerRows), body.at(-1)!] } },
    ];
  }
  if (node.stack) return { ...node, stack: node.stack.map(splitKeptTable) };
  return node;
}

function marginTopOnly(node: ContentObject): [number, number, number, number] {
  const m = node.margin;
  if (Array.isArray(m) && m.length === 4) return [m[0], m[1], m[2], 0];
  if (Array.isArray(m)) return [m[0], m[1], m[0], 0];
  return typeof m === 'number' ? [m, m, m, 0] : [0, 0, 0, 0];
}

type NodeInfo = { id?: string; pageNumbers: number[]; pages: number };

async function renderOnce(docDefinition: DocDefinition, options: RenderOptions, pages: { lastRow: number; total: number } | null): Promise<Buffer> {
  const fonts = resolveFonts(options);
  const creationDate = docDefinition.info.creationDate ?? FIXED_EPOCH;
  // pdfmake mutates the definition it is given (fills defaults, resolves URLs); keep the caller's intact.
  const definition = {
    ...docDefinition,
    info: { ...docDefinition.info, creationDate, modDate: docDefinition.info.modDate ?? creationDate },
    content: structuredCloneContent(docDefinition.content),
    // Only observes where the kept row and block landed (renderPdf decides); never adds a break itself.
    ...(pages
      ? {
          pageBreakBefore: (node: NodeInfo) => {
            if (node.id === KEEP_LAST_ROW_ID) pages.lastRow = Math.max(...node.pageNumbers);
            pages.total = node.pages;
            return false;
          },
        }
      : {}),
  };
  const families: Record<string, FontFaces> = { [FONT_FAMILY]: { normal: fonts.normal, bold: fonts.bold, italics: fonts.normal, bolditalics: fonts.bold } };
  families[TITLE_FONT_FAMILY] = faces(fonts.title);
  definition.content = await withFallbackRuns(definition.content, fonts, families);
  // setFonts and createPdf run in the same tick and createPdf copies the table synchronously, so
  // concurrent renders with different fonts cannot see each other's choice.
  pdfmake.setFonts(families);
  const output = pdfmake.createPdf(definition);
  shareFontTables(await output.getStream());
  return output.getBuffer();
}

type FontFaces = { normal: string; bold: string; italics: string; bolditalics: string };
const faces = (key: string): FontFaces => ({ normal: key, bold: key, italics: key, bolditalics: key });

type CoverFont = { hasGlyphForCodePoint: (codePoint: number) => boolean };
const coverFonts = new Map<string, Promise<CoverFont>>();

/** The fontkit font behind a loaded key, taken from a one-word document as pdfmake loads it (once per key). */
function coverFontOf(key: string): Promise<CoverFont> {
  let known = coverFonts.get(key);
  if (!known) {
    pdfmake.setFonts({ DocProbe: faces(key) });
    const probe = pdfmake.createPdf({ info: { creationDate: FIXED_EPOCH }, content: [{ text: '字' }], defaultStyle: { font: 'DocProbe' } } as unknown as Parameters<typeof pdfmake.createPdf>[0]);
    known = probe.getStream().then((kit: unknown) => {
      shareFontTables(kit);
      const font = Object.values((kit as { _fontFamilies?: Record<string, { font?: CoverFont }> })._fontFamilies ?? {}).find((f) => f.font?.hasGlyphForCodePoint)?.font;
      if (!font) throw new Error('文书字体无法读取字符表');
      return font;
    });
    coverFonts.set(key, known);
  }
  return known;
}

/** Content keys that hold text or child content (never widths, alignments or font names). */
function eachText(node: unknown, visit: (text: string) => void): void {
  if (typeof node === 'string') return visit(node);
  if (Array.isArray(node)) return node.forEach((n) => eachText(n, visit));
  if (!node || typeof node !== 'object') return;
  const o = node as ContentObject;
  if (o.text !== undefined) eachText(o.text, visit);
  for (const child of [o.stack, o.columns, o.ol, o.table?.body]) if (child) eachText(child, visit);
}

/**
 * Characters the chosen fonts lack (a name such as 「𠮷」 in CJK Extension B; 仿宋 lacks many more) are set in the
 * first fallback font that has them — the bundled Noto Serif SC, SimSun-ExtB, HanaMin — instead of printing □.
 * Text is split into runs only where such a character occurs, so ordinary documents are unchanged.
 */
async function withFallbackRuns(content: Content[], fonts: ResolvedFonts, families: Record<string, FontFaces>): Promise<Content[]> {
  const codePoints = new Set<number>();
  eachText(content, (text) => {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x2e80) codePoints.add(cp);
    }
  });
  if (codePoints.size === 0) return content;
  const primary = await Promise.all([...new Set([fonts.normal, fonts.bold, fonts.title])].map(coverFontOf));
  const missing = [...codePoints].filter((cp) => primary.some((f) => !f.hasGlyphForCodePoint(cp)));
  if (missing.length === 0) return content;
  const familyOf = new Map<number, string>();
  for (const [i, fallback] of fonts.fallbacks.entries()) {
    if (familyOf.size === missing.length) break;
    const key = 'key' in fallback ? fallback.key : loadFont(fallback.path);
    if (!key) continue;
    const font = await coverFontOf(key);
    const family = `DocFallback${i}`;
    for (const cp of missing) {
      if (familyOf.has(cp) || !font.hasGlyphForCodePoint(cp)) continue;
      familyOf.set(cp, family);
      families[family] = faces(key);
    }
  }
  if (familyOf.size === 0) return content;
  const runs = (text: string): string | Content[] => {
    const out: Content[] = [];
    let current = '';
    let family: string | undefined;
    for (const ch of text) {
      const next = familyOf.get(ch.codePointAt(0)!);
      if (next !== family && current) {
        out.push(family ? { text: current, font: family } : current);
        current = '';
      }
      family = next;
      current += ch;
    }
    if (current) out.push(family ? { text: current, font: family } : current);
    return out.length === 1 && typeof out[0] === 'string' ? out[0] : out;
  };
  const rewrite = (node: Content): Content => {
    if (typeof node === 'string') {
      const r = runs(node);
      return typeof r === 'string' ? r : { text: r };
    }
    if (Array.isArray(node)) return node.map(rewrite);
    const o: ContentObject = { ...node };
    if (typeof o.text === 'string') o.text = runs(o.text);
    else if (Array.isArray(o.text)) o.text = o.text.map(rewrite);
    if (o.stack) o.stack = o.stack.map(rewrite);
    if (o.columns) o.columns = o.columns.map(rewrite);
    if (o.ol) o.ol = o.ol.map(rewrite);
    if (o.table) o.table = { ...o.table, body: o.table.body.map((row) => row.map(rewrite)) };
    return o;
  };
  return content.map(rewrite);
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

export function shareFontTables(pdfKitDoc: unknown): void {
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
