// The payment roster (低保金发放花名册) drawn straight onto pdfkit (issue 13). At county scale it lists 8,000 households;
// pdfmake's general table layout (a style stack per cell, every CJK character a word, GC) took ≈ 5 s for that. This
// one list is simple — fixed columns, one font, rows that never split — so it is laid out here by hand, with the
// same page as the pdfmake template (templates/payment-roster.ts): A4 landscape with the GB/T margins, title and
// facts, the header row on every page, 内部资料 in the top and bottom margins of every page, 「第 n 页，共 N 页」,
// the sums by village and by class, the households left out, and the signature row kept on a page with the last rows.
// Fonts come from render.ts (loaded once per process, decoded tables shared); pdfkit embeds only the glyphs used.
import pdfmake from 'pdfmake';
import PDFDocumentExport, { type EmbeddedFont } from 'pdfmake/js/PDFDocument.js';
import { fallbackFontKey, resolveFonts, shareFontTables, type RenderOptions } from './render.js';
import { A4, LANDSCAPE_MARGINS, LANDSCAPE_TEXT_WIDTH, SMALL_SIZE, TITLE_SIZE, BODY_LINE_PITCH, documentTimestamp, formatChineseDate, formatChineseMonth, mm } from './layout.js';
import { PAYMENT_INTERNAL_MARK, PAYMENT_ROSTER_TITLE, type PaymentRosterData, type PaymentRosterPdfRow } from './templates/payment-roster.js';

// A CommonJS file: Node's own ESM loader (the maintenance worker under tsx) hands over its module.exports, with the
// class under .default; esbuild's bundle and vitest hand over the class itself.
const PDFDocument: typeof PDFDocumentExport =
  typeof PDFDocumentExport === 'function' ? PDFDocumentExport : (PDFDocumentExport as unknown as { default: typeof PDFDocumentExport }).default;
type PdfKitDocument = InstanceType<typeof PDFDocumentExport>;

const LIST_SIZE = 10.5; // 五号, as in the pdfmake template
const FORM_LINE_HEIGHT = 1.2; // the 'form' density's line height for text outside tables
const PAD_X = 3;
const PAD_TOP = 3;
const PAD_BOTTOM = 2;
const RULE = 0.6;
const IDEOGRAPHIC_SPACE = '\u3000';

type Align = 'left' | 'center' | 'right';
type GridColumn<Row> = { header: string; width: number | '*'; cell: (row: Row) => string; align?: Align; entries?: boolean };

const ROSTER_COLUMNS: GridColumn<PaymentRosterPdfRow>[] = [
  { header: '序号', width: 24, cell: (r) => String(r.seq) },
  { header: '村（社区）', width: 56, cell: (r) => r.village },
  { header: '户主姓名', width: 44, cell: (r) => r.headName },
  { header: '身份证号码', width: 112, cell: (r) => r.idNumber },
  // Member lists break between whole 「张三（A）、」 entries, as the pdfmake template packs them.
  { header: '保障对象及类别', width: '*', cell: (r) => r.members, align: 'left', entries: true },
  { header: '银行账号', width: 122, cell: (r) => r.accountNumber },
  { header: '开户行', width: 70, cell: (r) => r.bankName },
  { header: '金额（元）', width: 58, cell: (r) => r.amount.toFixed(2), align: 'right' },
];

const money = (v: number) => v.toFixed(2);

type Face = 'normal' | 'bold' | 'title';

/** One render: the pdfkit document, its fonts and a per-font width cache (advance widths, as textMeasure sums them). */
class Sheet {
  readonly doc: PdfKitDocument;
  private readonly faces: Record<Face, EmbeddedFont>;
  private readonly fallbacks: { font: EmbeddedFont | null; key: string | null }[];
  private readonly fallbackSource: ReturnType<typeof resolveFonts>['fallbacks'];
  private readonly widths = new Map<EmbeddedFont, Map<number, number>>();
  private readonly fallbackFor = new Map<number, EmbeddedFont | null>();
  /** Per face: whether it has a glyph (fontkit's cmap lookup is dear when asked for every character of 8,000 rows). */
  private readonly covered = new Map<EmbeddedFont, Map<number, boolean>>();
  private color = '';
  readonly top = LANDSCAPE_MARGINS[1];
  readonly left = LANDSCAPE_MARGINS[0];
  readonly bottom: number;
  y = 0;
  pageCount = 0;

  constructor(options: RenderOptions, info: Record<string, unknown>) {
    const fonts = resolveFonts(options);
    const families = {
      DocSerif: { normal: fonts.normal, bold: fonts.bold, italics: fonts.normal, bolditalics: fonts.bold },
      DocTitle: { normal: fonts.title, bold: fonts.title, italics: fonts.title, bolditalics: fonts.title },
    };
    // Pages are laid out here, so pdfkit's own margins are zero: nothing it draws may add a page by itself.
    this.doc = new PDFDocument(families, {}, {}, {}, { size: 'A4', layout: 'landscape', margins: { top: 0, left: 0, right: 0, bottom: 0 }, autoFirstPage: false, bufferPages: true, compress: true, info, lang: 'zh-CN' }, pdfmake.virtualfs);
    this.faces = {
      normal: this.doc.provideFont('DocSerif', false, false),
      bold: this.doc.provideFont('DocSerif', true, false),
      title: this.doc.provideFont('DocTitle', false, false),
    };
    shareFontTables(this.doc);
    this.fallbackSource = fonts.fallbacks;
    this.fallbacks = fonts.fallbacks.map(() => ({ font: null, key: null }));
    this.bottom = A4.width - LANDSCAPE_MARGINS[3];
  }

  lineHeight(size: number, face: Face = 'normal'): number {
    return this.faces[face].lineHeight(size);
  }

  private advance(font: EmbeddedFont, cp: number): number {
    let cache = this.widths.get(font);
    if (!cache) this.widths.set(font, (cache = new Map()));
    let w = cache.get(cp);
    if (w === undefined) cache.set(cp, (w = font.font.glyphForCodePoint(cp).advanceWidth / font.font.unitsPerEm));
    return w;
  }

  /** The font that draws a character in a face: the face itself, or the first fallback that has it. */
  private fontFor(base: EmbeddedFont, cp: number): EmbeddedFont {
    if (cp < 0x2e80) return base;
    let cache = this.covered.get(base);
    if (!cache) this.covered.set(base, (cache = new Map()));
    let has = cache.get(cp);
    if (has === undefined) cache.set(cp, (has = base.font.hasGlyphForCodePoint(cp)));
    return has ? base : (this.fallback(cp) ?? base);
  }

  /** The first fallback font with a glyph the face lacks (a rare name character), loaded when first needed. */
  private fallback(cp: number): EmbeddedFont | null {
    if (this.fallbackFor.has(cp)) return this.fallbackFor.get(cp)!;
    let found: EmbeddedFont | null = null;
    for (const [i, slot] of this.fallbacks.entries()) {
      if (!slot.font) {
        const key = fallbackFontKey(this.fallbackSource[i]!);
        if (!key) continue;
        const family = `DocFallback${i}`;
        this.doc.fonts[family] = { normal: key, bold: key, italics: key, bolditalics: key };
        slot.font = this.doc.provideFont(family, false, false);
        shareFontTables(this.doc);
      }
      if (slot.font.font.hasGlyphForCodePoint(cp)) {
        found = slot.font;
        break;
      }
    }
    this.fallbackFor.set(cp, found);
    return found;
  }

  /** Runs of one font each: the face, or a fallback for characters it lacks (ordinary text is one run). */
  private runs(text: string, face: Face): { font: EmbeddedFont; text: string }[] {
    const base = this.faces[face];
    const out: { font: EmbeddedFont; text: string }[] = [];
    let current = '';
    let font = base;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const next = this.fontFor(base, cp);
      if (next !== font && current) {
        out.push({ font, text: current });
        current = '';
      }
      font = next;
      current += ch;
    }
    if (current) out.push({ font, text: current });
    return out;
  }

  width(text: string, size: number, face: Face = 'normal'): number {
    const base = this.faces[face];
    let w = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      w += this.advance(this.fontFor(base, cp), cp);
    }
    return w * size;
  }

  /** 0.1 pt left for rounding, as the pdfmake template decides what fits. */
  fits(text: string, size: number, width: number, face: Face = 'normal'): boolean {
    return this.width(text, size, face) + 0.1 <= width;
  }

  /** Breaks a text into lines within `width`: between characters (CJK wraps anywhere), or between whole entries. */
  wrap(text: string, size: number, width: number, face: Face = 'normal', entries = false): string[] {
    if (this.fits(text, size, width, face)) return [text];
    if (entries) {
      const parts = text.split('、').map((e, i, all) => (i < all.length - 1 ? `${e}、` : e));
      if (parts.every((p) => this.fits(p, size, width, face))) {
        const lines: string[] = [];
        let line = '';
        for (const part of parts) {
          if (line !== '' && !this.fits(line + part, size, width, face)) {
            lines.push(line);
            line = '';
          }
          line += part;
        }
        lines.push(line);
        return lines;
      }
    }
    const lines: string[] = [];
    let line = '';
    for (const ch of text) {
      if (line !== '' && !this.fits(line + ch, size, width, face)) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
    if (line) lines.push(line);
    return lines;
  }

  /** One line of text at (x, y) = its top-left, aligned within `width`. */
  draw(text: string, x: number, y: number, size: number, options: { face?: Face; align?: Align; width?: number; color?: string } = {}): void {
    const face = options.face ?? 'normal';
    const w = options.align && options.align !== 'left' ? this.width(text, size, face) : 0;
    let at = options.align === 'center' ? x + ((options.width ?? 0) - w) / 2 : options.align === 'right' ? x + (options.width ?? 0) - w : x;
    const color = options.color ?? '#000000';
    if (color !== this.color) {
      // Each fillColor call writes an operator into the page; set it only when it changes (and on a new page).
      this.doc.fillColor(color);
      this.color = color;
    }
    const runs = this.runs(text, face);
    for (const run of runs) {
      const runWidth = runs.length === 1 && w ? w : this.width(run.text, size, face);
      this.doc._font = run.font;
      this.doc.fontSize(size);
      this.doc.text(run.text, at, y, { lineBreak: false, textWidth: runWidth, wordCount: 1 });
      at += runWidth;
    }
  }

  /** Lines of text flowing down from this.y (breaking pages between lines), at the form's 1.2 line height. */
  paragraph(text: string, size: number, options: { face?: Face; align?: Align; marginTop?: number; marginBottom?: number; lineHeight?: number } = {}): void {
    const face = options.face ?? 'normal';
    const pitch = this.lineHeight(size, face) * (options.lineHeight ?? FORM_LINE_HEIGHT);
    this.y += options.marginTop ?? 0;
    for (const line of this.wrap(text, size, LANDSCAPE_TEXT_WIDTH, face)) {
      if (this.y + pitch > this.bottom) this.newPage();
      this.draw(line, this.left, this.y, size, { face, align: options.align, width: LANDSCAPE_TEXT_WIDTH });
      this.y += pitch;
    }
    this.y += options.marginBottom ?? 0;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: 0, left: 0, right: 0, bottom: 0 } });
    this.pageCount++;
    this.y = this.top;
    this.color = '';
  }

  hLine(x1: number, x2: number, y: number): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).stroke();
  }
}

/** A ruled grid's geometry: each column's content width and left edge; the header's lines. */
type Grid<Row> = { columns: GridColumn<Row>[]; widths: number[]; xs: number[]; right: number; size: number; headerLines: string[][]; headerHeight: number };

function grid<Row>(sheet: Sheet, columns: GridColumn<Row>[], x: number, totalWidth: number, size: number): Grid<Row> {
  const fixed = columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 0), 0);
  // pdfmake's fixed widths are content widths; padding and rules come on top; '*' takes what is left.
  const star = totalWidth - fixed - columns.length * 2 * PAD_X - (columns.length + 1) * RULE;
  const widths = columns.map((c) => (typeof c.width === 'number' ? c.width : star));
  const xs: number[] = [];
  let at = x;
  for (const w of widths) {
    xs.push(at);
    at += RULE + 2 * PAD_X + w;
  }
  const headerLines = columns.map((c, i) => sheet.wrap(c.header, size, widths[i]!, 'bold'));
  const lh = sheet.lineHeight(size);
  const headerHeight = PAD_TOP + Math.max(...headerLines.map((l) => l.length)) * lh + PAD_BOTTOM + RULE;
  return { columns, widths, xs, right: at + RULE, size, headerLines, headerHeight };
}

/** Draws one row of cells (lines already wrapped) at sheet.y, with its rules, and moves below it. */
function drawRow<Row>(sheet: Sheet, g: Grid<Row>, lines: string[][], face: Face, aligns: Align[], top: boolean): void {
  const lh = sheet.lineHeight(g.size);
  const height = PAD_TOP + Math.max(...lines.map((l) => l.length)) * lh + PAD_BOTTOM + RULE;
  const y = sheet.y;
  if (top) sheet.hLine(g.xs[0]!, g.right, y + RULE / 2);
  for (let c = 0; c < lines.length; c++) {
    const x = g.xs[c]! + RULE + PAD_X;
    let ly = y + RULE + PAD_TOP;
    for (const line of lines[c]!) {
      sheet.draw(line, x, ly, g.size, { face, align: aligns[c], width: g.widths[c]! });
      ly += lh;
    }
  }
  const bottomY = y + RULE + height;
  // The row's bottom rule and its column rules in one path, stroked once.
  sheet.doc.moveTo(g.xs[0]!, bottomY - RULE / 2).lineTo(g.right, bottomY - RULE / 2);
  for (const x of g.xs) sheet.doc.moveTo(x + RULE / 2, y).lineTo(x + RULE / 2, bottomY);
  sheet.doc.moveTo(g.right - RULE / 2, y).lineTo(g.right - RULE / 2, bottomY).stroke();
  sheet.y = bottomY - RULE;
}

/**
 * A grid table flowing down the pages: rows never split, the header row heads every page the table is on.
 * `keepWithLast` is the height of what must follow the last row on its page (the signature): when it would not fit
 * after it, the last row starts the next page (under the header) so the two stay together.
 */
function drawGrid<Row>(sheet: Sheet, g: Grid<Row>, rows: readonly Row[], keepWithLast = 0): void {
  const lh = sheet.lineHeight(g.size);
  const headerAligns = g.columns.map((): Align => 'center');
  const aligns = g.columns.map((c) => c.align ?? 'center');
  const header = () => drawRow(sheet, g, g.headerLines, 'bold', headerAligns, true);
  if (sheet.y + g.headerHeight + RULE > sheet.bottom) sheet.newPage();
  header();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const lines = g.columns.map((c, i) => sheet.wrap(c.cell(row), g.size, g.widths[i]!, 'normal', c.entries));
    const height = PAD_TOP + Math.max(...lines.map((l) => l.length)) * lh + PAD_BOTTOM + RULE;
    const last = r === rows.length - 1;
    const need = height + RULE + (last ? keepWithLast : 0);
    const fitsFresh = sheet.top + g.headerHeight + need <= sheet.bottom;
    if (sheet.y + need > sheet.bottom && (sheet.y + height + RULE > sheet.bottom || fitsFresh)) {
      sheet.newPage();
      header();
    }
    drawRow(sheet, g, lines, 'normal', aligns, false);
  }
  sheet.y += RULE;
}

function gridHeight<Row>(sheet: Sheet, g: Grid<Row>, rows: readonly Row[]): number {
  const lh = sheet.lineHeight(g.size);
  let h = g.headerHeight + RULE;
  for (const row of rows) h += PAD_TOP + Math.max(...g.columns.map((c, i) => sheet.wrap(c.cell(row), g.size, g.widths[i]!, 'normal').length)) * lh + PAD_BOTTOM + RULE;
  return h;
}

type VillageSum = PaymentRosterData['byVillage'][number];
type ClassSum = PaymentRosterData['byClass'][number];
type Excluded = PaymentRosterData['excluded'][number];

const VILLAGE_COLUMNS: GridColumn<VillageSum>[] = [
  { header: '村（社区）', width: '*', cell: (r) => r.villageName },
  { header: '户数', width: 40, cell: (r) => String(r.households) },
  { header: '人数', width: 40, cell: (r) => String(r.persons) },
  { header: '金额（元）', width: 70, cell: (r) => money(r.amount), align: 'right' },
];
const CLASS_COLUMNS: GridColumn<ClassSum>[] = [
  { header: '保障类别', width: '*', cell: (r) => (r.class === '合计' ? r.class : `${r.class}类`) },
  { header: '人数', width: 40, cell: (r) => String(r.persons) },
  { header: '金额（元）', width: 70, cell: (r) => money(r.amount), align: 'right' },
];
const EXCLUDED_COLUMNS: GridColumn<Excluded>[] = [
  { header: '村（社区）', width: 70, cell: (r) => r.village },
  { header: '户主姓名', width: 60, cell: (r) => r.headName },
  { header: '应发金额（元）', width: 70, cell: (r) => money(r.amount), align: 'right' },
  { header: '原因', width: '*', cell: (r) => r.problem, align: 'left' },
];

const SIGNATURE_LABELS = ['制表人', '民政所负责人', '分管领导'];
const SIGNATURE_SIZE = SMALL_SIZE;
const SIGNATURE_BLANK = 96;
const SIGNATURE_MARGIN = 10;

function signatureHeight(sheet: Sheet): number {
  return SIGNATURE_MARGIN + Math.max(sheet.lineHeight(SIGNATURE_SIZE) * FORM_LINE_HEIGHT, SIGNATURE_SIZE * 1.25 + RULE);
}

function drawSignature(sheet: Sheet): void {
  if (sheet.y + signatureHeight(sheet) > sheet.bottom) sheet.newPage();
  sheet.y += SIGNATURE_MARGIN;
  let x = sheet.left;
  sheet.doc.lineWidth(RULE);
  for (const label of SIGNATURE_LABELS) {
    const text = `${label}：`;
    sheet.draw(text, x, sheet.y, SIGNATURE_SIZE);
    x += sheet.width(text, SIGNATURE_SIZE) + 2;
    sheet.hLine(x, x + SIGNATURE_BLANK, sheet.y + SIGNATURE_SIZE * 1.25);
    x += SIGNATURE_BLANK + SIGNATURE_SIZE * 2;
  }
  sheet.y += signatureHeight(sheet) - SIGNATURE_MARGIN;
}

/** The note under the lists; it states why the paper is internal. */
const NOTE = `本花名册含完整身份证号码和银行账号，${PAYMENT_INTERNAL_MARK}，用后妥善保管。`;
const NOTE_SIZE = SMALL_SIZE - 3;
const LABEL_SIZE = SMALL_SIZE - 2;

/** The sums by village (left) and by class (right), kept on one page when they fit on one, as in the template. */
function totalsLayout(sheet: Sheet, data: PaymentRosterData) {
  const villages: VillageSum[] = [...data.byVillage, { villageName: '合计', ...data.totals }];
  const classes: ClassSum[] = [...data.byClass, { class: '合计', persons: data.totals.persons, amount: data.totals.amount }];
  const leftWidth = mm(110);
  const rightX = sheet.left + leftWidth + mm(12);
  const gv = grid(sheet, VILLAGE_COLUMNS, sheet.left, leftWidth, LIST_SIZE);
  const gc = grid(sheet, CLASS_COLUMNS, rightX, mm(80), LIST_SIZE);
  const label = sheet.lineHeight(LABEL_SIZE, 'bold') * FORM_LINE_HEIGHT + 2;
  const height = 6 + label + Math.max(gridHeight(sheet, gv, villages), gridHeight(sheet, gc, classes));
  return { villages, classes, rightX, gv, gc, label, height };
}

function drawTotals(sheet: Sheet, data: PaymentRosterData): void {
  const { villages, classes, rightX, gv, gc, label, height } = totalsLayout(sheet, data);
  if (sheet.y + height > sheet.bottom && sheet.top + height <= sheet.bottom) sheet.newPage();
  sheet.y += 6;
  const startPage = sheet.pageCount;
  const start = sheet.y;
  sheet.draw('按村（社区）汇总', sheet.left, start, LABEL_SIZE, { face: 'bold' });
  sheet.draw('按保障类别汇总', rightX, start, LABEL_SIZE, { face: 'bold' });
  sheet.y = start + label;
  sheet.doc.lineWidth(RULE);
  drawGrid(sheet, gc, classes);
  const classEnd = sheet.y;
  sheet.y = start + label;
  // Twenty villages and more may run past the page: the village grid then continues under its header.
  drawGrid(sheet, gv, villages);
  if (sheet.pageCount === startPage) sheet.y = Math.max(sheet.y, classEnd);
}

/** Renders the roster; the same data and fonts give the same bytes (dates from the data, pdfkit's counters). */
export async function renderPaymentRosterPdf(data: PaymentRosterData, options: RenderOptions = {}): Promise<Buffer> {
  const heading = `${data.township}${formatChineseMonth(data.month)}${PAYMENT_ROSTER_TITLE}${data.kind ? `（${data.kind}）` : ''}`;
  const stamp = documentTimestamp(data.fillDate);
  const sheet = new Sheet(options, { Title: heading, Subject: heading, Creator: '低保案件台', Producer: '低保案件台', CreationDate: stamp, ModDate: stamp });
  const doc = sheet.doc;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', (error) => reject(error ?? new Error('发放名册生成失败')));
  });
  sheet.newPage();
  doc.strokeColor('#000000').lineWidth(RULE);

  // Title: 2号 in the title face, centred, line height 1.2, then 0.6 of the body pitch.
  sheet.paragraph(heading, TITLE_SIZE, { face: 'title', align: 'center', marginBottom: BODY_LINE_PITCH * 0.6 });

  // Facts in one line (each whole) when they fit, as factLine lays them out; else one wrapping line.
  const facts = [
    ['发放范围', data.scope],
    ['发放月份', formatChineseMonth(data.month)],
    ['批次', data.batchLabel],
    ['制表日期', formatChineseDate(data.fillDate)],
  ].map(([label, value]) => `${label}：${value}`);
  const gap = SMALL_SIZE * 2;
  const factWidths = facts.map((f) => sheet.width(f, SMALL_SIZE));
  if (factWidths.reduce((a, b) => a + b, 0) + gap * (facts.length - 1) <= LANDSCAPE_TEXT_WIDTH) {
    let x = sheet.left;
    facts.forEach((fact, i) => {
      sheet.draw(fact, x, sheet.y, SMALL_SIZE);
      x += factWidths[i]! + gap;
    });
    sheet.y += sheet.lineHeight(SMALL_SIZE) * FORM_LINE_HEIGHT + 2;
  } else {
    sheet.paragraph(facts.join(IDEOGRAPHIC_SPACE.repeat(2)), SMALL_SIZE, { marginBottom: 2 });
  }

  // The list. Without households left out, the sums, the note and the signature row follow the last row; the
  // signature must share its page with the last rows, so when all of that would not fit after the last row, the
  // last row moves to the next page with them (the template keeps the sums block whole; the whole tail is kept here).
  const roster = grid(sheet, ROSTER_COLUMNS, sheet.left, LANDSCAPE_TEXT_WIDTH, LIST_SIZE);
  const totalLine = `合计：${data.totals.households}户，保障${data.totals.persons}人，发放金额${money(data.totals.amount)}元。`;
  const totalLineHeight = 2 + sheet.lineHeight(LABEL_SIZE, 'bold') * FORM_LINE_HEIGHT;
  const noteHeight = 6 + sheet.wrap(NOTE, NOTE_SIZE, LANDSCAPE_TEXT_WIDTH).length * sheet.lineHeight(NOTE_SIZE) * FORM_LINE_HEIGHT;
  const tailAfterList = data.excluded.length === 0 ? totalLineHeight + totalsLayout(sheet, data).height + noteHeight + signatureHeight(sheet) : 0;
  sheet.y += 6;
  drawGrid(sheet, roster, data.rows, tailAfterList);
  sheet.y += 6;
  sheet.paragraph(totalLine, LABEL_SIZE, { face: 'bold', marginTop: 2 - 6 });
  drawTotals(sheet, data);

  if (data.excluded.length > 0) {
    sheet.paragraph(`未列入代发的家庭（${data.excluded.length}户，须补录银行账号后补发）`, LABEL_SIZE, { face: 'bold', marginTop: 8 });
    sheet.y += 2;
    drawGrid(sheet, grid(sheet, EXCLUDED_COLUMNS, sheet.left, LANDSCAPE_TEXT_WIDTH, LIST_SIZE), data.excluded, noteHeight + signatureHeight(sheet));
  }
  // The note and the signature row travel together (the signature never opens a page alone).
  if (sheet.y + noteHeight + signatureHeight(sheet) > sheet.bottom) sheet.newPage();
  sheet.paragraph(NOTE, NOTE_SIZE, { marginTop: 6 });
  drawSignature(sheet);

  // Page furniture once the page count is known: 内部资料 above and below the 版心 of every page, page numbers.
  const [left, , right, bottomMargin] = LANDSCAPE_MARGINS;
  const textWidth = A4.height - left - right;
  const furniture = SMALL_SIZE - 3;
  const footerY = A4.width - bottomMargin + mm(8);
  const third = textWidth / 3;
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    sheet.draw(PAYMENT_INTERNAL_MARK, left, mm(12), furniture, { face: 'bold', color: '#b00000' });
    sheet.draw(`${formatChineseMonth(data.month)} · ${data.scope}`, left, mm(12), furniture, { align: 'right', width: textWidth });
    sheet.draw(PAYMENT_INTERNAL_MARK, left, footerY, furniture);
    sheet.draw(`第 ${i + 1} 页，共 ${range.count} 页`, left + third, footerY, furniture, { align: 'center', width: third });
    sheet.draw(`制表人：${data.preparedBy}`, left, footerY, furniture, { align: 'right', width: textWidth });
  }
  doc.end();
  return done;
}
