// Page furniture in the manner of GB/T 9704-2012 (党政机关公文格式), shared by every template.
import type { Content, ContentObject, DocDefinition, Margin, TableLayout } from './doc-definition.js';
import type { SupervisionPhones } from './types.js';

/** The one font family every template names; render.ts maps it to the bundled or the office's font. */
export const FONT_FAMILY = 'DocSerif';
/** Titles: 方正小标宋 when the office PC has it (render.ts), else the bold face of FONT_FAMILY. */
export const TITLE_FONT_FAMILY = 'DocTitle';

export const mm = (value: number): number => (value * 72) / 25.4;

/** A4 in points (pdfmake's 'A4'). */
export const A4 = { width: mm(210), height: mm(297) } as const;

/** GB/T 9704 §5.2.1: 天头 37 mm, 订口 28 mm; right and bottom chosen so the 版心 is 156 × 225 mm. */
export const PORTRAIT_MARGINS: [number, number, number, number] = [mm(28), mm(37), mm(26), mm(35)];
/** Wide tables turn the page; the side margins stay, top and bottom shrink to give the table rows room. */
export const LANDSCAPE_MARGINS: [number, number, number, number] = [mm(28), mm(26), mm(26), mm(26)];
/** Text width of the 版心: portrait 156 mm, landscape 243 mm. */
export const PORTRAIT_TEXT_WIDTH = mm(156);
export const LANDSCAPE_TEXT_WIDTH = mm(297 - 28 - 26);

export const TITLE_SIZE = 22; // 2号
export const BODY_SIZE = 16; // 3号
export const TABLE_SIZE = 12; // 小4号: forms and lists need more columns than 3号 allows
export const SMALL_SIZE = 14; // 4号: page numbers, notes

/**
 * GB/T 9704 sets 22 lines in the 225 mm 版心, a pitch of ≈ 28.9 pt. pdfmake's lineHeight multiplies the
 * font's own line height, which for Noto Serif SC is (ascent 1151 − descent −286) / 1000 = 1.437 em.
 */
export const BODY_LINE_PITCH = mm(225) / 22;
export const NOTO_LINE_EM = 1.437;
export const BODY_LINE_HEIGHT = BODY_LINE_PITCH / (BODY_SIZE * NOTO_LINE_EM);
/** Two characters of first-line indent (首行缩进两字). */
export const PARAGRAPH_INDENT = BODY_SIZE * 2;

const IDEOGRAPHIC_SPACE = '\u3000';

/** "2020-03-20" → "2020年3月20日". Parsed as text so no time zone can move the day. */
export function formatChineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new Error(`日期格式应为 YYYY-MM-DD：${isoDate}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** "2020-04" (or a full date) → "2020年4月". */
export function formatChineseMonth(isoMonth: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(isoMonth);
  if (!match) throw new Error(`月份格式应为 YYYY-MM：${isoMonth}`);
  return `${match[1]}年${Number(match[2])}月`;
}

/** Yuan without trailing ".00" for whole amounts (the usual case after §5 rounding). */
export function formatYuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

/** 1 → "一", 12 → "十二": headings such as "一、" in notices. */
export function chineseNumeral(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? '' : digits[n % 10]}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
  return String(n);
}

/** A date's midnight in China (UTC+8), used as the PDF's CreationDate/ModDate. */
export function documentTimestamp(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new Error(`日期格式应为 YYYY-MM-DD：${isoDate}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), -8));
}

/** "— 1 —" centred under the 版心 (GB/T 9704 §7.5 uses 4号 half-width digits with dashes). */
export function pageNumberFooter(currentPage: number): Content {
  return { text: `— ${currentPage} —`, alignment: 'center', fontSize: SMALL_SIZE, margin: [0, mm(7), 0, 0] };
}

type PageOptions = {
  title: string;
  /** Blank forms printed before signing have no date; render.ts then uses a fixed epoch. */
  issueDate?: string;
  orientation?: 'portrait' | 'landscape';
  /** 'document' is the 公文 body (16 pt, 28.9 pt pitch); 'form' suits tables and fill-in forms (12 pt). */
  density?: 'document' | 'form';
  subject?: string;
};

export const FORM_SIZE = 12;
const FORM_LINE_HEIGHT = 1.2;

/**
 * What every page of a document with full ID numbers carries (spec §9: never posted), so a single page photocopied
 * out of the bundle still says so; the payment roster says the same.
 */
export const INTERNAL_MARK = '内部资料，严禁公开张贴';

const FULL_ID_NUMBER = /\d{17}[\dXx]/;

/** Whether any text of the content holds a full 18-digit ID number. */
export function holdsFullIdNumber(content: unknown): boolean {
  if (typeof content === 'string') return FULL_ID_NUMBER.test(content);
  if (Array.isArray(content)) return content.some(holdsFullIdNumber);
  if (content && typeof content === 'object') return Object.values(content).some(holdsFullIdNumber);
  return false;
}

/** 「内部资料」 at the top right of every page, in the top margin (26 mm landscape, 37 mm portrait) above the 版心. */
function internalMarkHeader(orientation: 'portrait' | 'landscape'): Content {
  const [left, , right] = orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS;
  return { text: INTERNAL_MARK, alignment: 'right', bold: true, fontSize: SMALL_SIZE, margin: [left, mm(12), right, 0] };
}

/**
 * The document shell: A4, margins, default style, page numbers, and metadata dated from the data. A document that
 * prints a full ID number anywhere is marked 「内部资料」 on every page: found in the content, so no list can forget.
 */
export function officialDocument(options: PageOptions, content: Content[]): DocDefinition {
  const orientation = options.orientation ?? 'portrait';
  const stamp = options.issueDate === undefined ? undefined : documentTimestamp(options.issueDate);
  const internal = holdsFullIdNumber(content);
  return {
    info: {
      title: options.title,
      subject: options.subject ?? options.title,
      creator: '低保案件台',
      producer: '低保案件台',
      ...(stamp === undefined ? {} : { creationDate: stamp, modDate: stamp }),
    },
    language: 'zh-CN',
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS,
    defaultStyle:
      options.density === 'form'
        ? { font: FONT_FAMILY, fontSize: FORM_SIZE, lineHeight: FORM_LINE_HEIGHT }
        : { font: FONT_FAMILY, fontSize: BODY_SIZE, lineHeight: BODY_LINE_HEIGHT },
    content,
    ...(internal ? { header: () => internalMarkHeader(orientation) } : {}),
    footer: (currentPage) => pageNumberFooter(currentPage),
  };
}

/** 标题: 22 pt bold, centred, a blank line below (GB/T 9704 §7.3.3). */
export function title(text: string, subtitle?: string): Content {
  const nodes: Content[] = [
    { text, fontSize: TITLE_SIZE, bold: true, font: TITLE_FONT_FAMILY, alignment: 'center', lineHeight: 1.2, margin: [0, 0, 0, subtitle ? 4 : BODY_LINE_PITCH * 0.6] },
  ];
  if (subtitle) nodes.push({ text: subtitle, alignment: 'center', margin: [0, 0, 0, BODY_LINE_PITCH * 0.4] });
  return nodes;
}

/** 发文字号, centred under the title, e.g. "××民低〔2020〕3号". Omitted when the number is not yet assigned. */
export function documentNumberLine(documentNumber: string | undefined): Content {
  if (!documentNumber) return [];
  return { text: documentNumber, alignment: 'center', margin: [0, 0, 0, BODY_LINE_PITCH * 0.5] };
}

/** 主送机关/称谓 line, flush left, ending with a full-width colon. */
export function salutation(name: string): Content {
  return { text: `${name}：` };
}

/** A body paragraph with the two-character first-line indent. */
export function paragraph(text: string | Content[], margin?: Margin): ContentObject {
  return { text, leadingIndent: PARAGRAPH_INDENT, ...(margin === undefined ? {} : { margin }) };
}

/**
 * Quoted reasons as a numbered list "1．…", hanging under the number so wrapped lines align.
 * The lines come verbatim from the determination's rule trace (spec §6).
 */
export function numberedList(lines: readonly string[], fontSize = BODY_SIZE): Content {
  return {
    fontSize,
    stack: lines.map((line, index) => ({
      columns: [
        { width: fontSize * 2.5, text: `${index + 1}．`, alignment: 'right' },
        { width: '*', text: line },
      ],
      columnGap: 2,
    })),
  };
}

/**
 * 发文机关署名 and 成文日期 at the right: the date ends four characters from the right edge and the
 * issuer is centred over it; the blank lines above leave room for the seal that presses on both (§7.3.5.1).
 */
export function issuerBlock(issuer: string, isoDate: string, keepWith?: Content, after?: Content, gapAbove = BODY_LINE_PITCH * 1.5): Content {
  const block: Content = {
    margin: [0, gapAbove, 0, 0],
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        stack: [
          { text: issuer, alignment: 'center' },
          { text: formatChineseDate(isoDate), alignment: 'center' },
        ],
      },
      { width: BODY_SIZE * 4, text: '' },
    ],
  };
  // GB/T 9704 §7.3.5.3: the signature must not stand alone on a page, so it travels with the last paragraph (and
  // the 附注 that follows it, when there is one).
  return { unbreakable: true, stack: [...(keepWith === undefined ? [] : [keepWith]), block, ...(after === undefined ? [] : [after])] };
}

/** A label followed by a ruled blank for a handwritten signature or date. */
export function signatureLine(label: string, blankWidth = 120, fontSize = BODY_SIZE): Content {
  return {
    columns: [
      // noWrap: inside an 'auto' column pdfmake would otherwise measure the label at its narrowest.
      { width: 'auto', text: label, fontSize, noWrap: true },
      { width: blankWidth, canvas: [{ type: 'line', x1: 0, y1: fontSize * 1.25, x2: blankWidth, y2: fontSize * 1.25, lineWidth: 0.6 }] },
    ],
    columnGap: 2,
  };
}

/** "　　年　　月　　日" to be filled in by hand. */
export function blankDate(): string {
  const gap = IDEOGRAPHIC_SPACE.repeat(2);
  return `${gap}年${gap}月${gap}日`;
}

/** Ruled blank lines for handwritten findings (入户调查 notes, meeting minutes). */
export function ruledLines(count: number, pitch = BODY_LINE_PITCH): Content {
  return {
    table: { widths: ['*'], heights: pitch, body: Array.from({ length: count }, () => [' ']) },
    layout: {
      hLineWidth: (i) => (i === 0 ? 0 : 0.5),
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: () => 0,
    },
  };
}

/** Thin black grid: printed forms are filled in by pen, so no shading that a photocopy would muddy. */
export const GRID_LAYOUT: TableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#000000',
  vLineColor: () => '#000000',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 3,
  paddingBottom: () => 2,
};

export type Column<Row> = {
  header: string;
  width: number | '*' | 'auto';
  cell: (row: Row, index: number) => string;
  alignment?: 'left' | 'center' | 'right';
};

/**
 * A ruled table whose header row repeats on every page and whose rows never split across pages
 * (headerRows + dontBreakRows). `blankRows` appends empty rows for entries written in by hand.
 */
export function gridTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: { blankRows?: number; fontSize?: number; margin?: Margin } = {},
): ContentObject {
  const fontSize = options.fontSize ?? TABLE_SIZE;
  const header: Content[] = columns.map((column) => ({ text: column.header, bold: true, alignment: 'center' }));
  const body: Content[][] = rows.map((row, index) =>
    columns.map((column) => ({ text: column.cell(row, index), alignment: column.alignment ?? 'center' })),
  );
  for (let i = 0; i < (options.blankRows ?? 0); i++) body.push(columns.map(() => ' '));
  const filledRows = rows.length;
  return {
    fontSize,
    // The font's own 1.437 em line is airy enough inside ruled cells.
    lineHeight: 1,
    margin: options.margin ?? [0, 6, 0, 6],
    table: {
      widths: columns.map((column) => column.width),
      // Hand-filled rows need room for a pen: about 8 mm.
      heights: (row) => (row > filledRows ? mm(8) : 'auto'),
      headerRows: 1,
      dontBreakRows: true,
      body: [header, ...body],
    },
    layout: GRID_LAYOUT,
  };
}

/** A label/value pair; 'wide' takes a whole row (long values such as addresses and ID numbers). */
export type FieldPair = readonly [label: string, value: string] | readonly [label: string, value: string, span: 'wide'];

/** A label/value form grid (two pairs per row), as on 入户调查表 and 声明书 headers. */
export function fieldGrid(pairs: readonly FieldPair[], fontSize = TABLE_SIZE): Content {
  const labelCell = (label: string): Content => ({ text: label, bold: true, alignment: 'center' });
  const body: Content[][] = [];
  for (let i = 0; i < pairs.length; i++) {
    const left = pairs[i];
    if (!left) continue;
    const right = pairs[i + 1];
    // A wide pair, or an odd one out, spans the remaining three cells so the grid stays rectangular.
    if (left[2] === 'wide' || !right || right[2] === 'wide') {
      body.push([labelCell(left[0]), { text: left[1], colSpan: 3 }, {}, {}]);
      continue;
    }
    body.push([labelCell(left[0]), { text: left[1] }, labelCell(right[0]), { text: right[1] }]);
    i++;
  }
  const labelWidth = fontSize * 5 + 4;
  return {
    fontSize,
    lineHeight: 1.1,
    table: { widths: [labelWidth, '*', labelWidth, '*'], body },
    layout: GRID_LAYOUT,
  };
}

/** A short heading inside a form ("一、家庭收入情况"). */
export function sectionHeading(text: string, fontSize = SMALL_SIZE): Content {
  return { text, bold: true, fontSize, margin: [0, 6, 0, 2] };
}

/** The two supervision numbers every 公示 and notice carries (plan 三(三)). */
export function supervisionText(phones: SupervisionPhones): string {
  const township = phones.townshipLabel ?? '镇民政所';
  const county = phones.countyLabel ?? '县低保中心';
  return `监督电话：${township} ${phones.township}；${county} ${phones.county}。`;
}

/** "附件2" label at the top left of an annex (GB/T 9704 §8.1: 3号黑体, 顶格). */
export function annexLabel(text: string): Content {
  return { text, bold: true, fontSize: BODY_SIZE, margin: [0, 0, 0, 4] };
}

/** Rough printed width: CJK and full-width forms are 1 em, Latin digits and letters about 0.55 em. */
export function estimateWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += (char.codePointAt(0) ?? 0) < 0x100 ? 0.55 : 1;
  return ems * fontSize;
}

/**
 * A line of labelled facts above a form's table, e.g. "填报单位：××镇桃园村　填表日期：…". Each fact is kept
 * whole when they fit on one line (a date split as "3\n月6日" reads badly); otherwise the line wraps.
 */
export function factLine(parts: readonly (readonly [string, string])[], fontSize = SMALL_SIZE, available = PORTRAIT_TEXT_WIDTH): Content {
  const facts = parts.map(([label, value]) => `${label}：${value}`);
  const gap = fontSize * 2;
  const total = facts.reduce((sum, fact) => sum + estimateWidth(fact, fontSize), 0) + gap * (facts.length - 1);
  if (total <= available) {
    return { fontSize, columns: facts.map((fact) => ({ width: 'auto', text: fact, noWrap: true })), columnGap: gap, margin: [0, 0, 0, 2] };
  }
  return { fontSize, text: facts.join(IDEOGRAPHIC_SPACE.repeat(2)), margin: [0, 0, 0, 2] };
}

/** Signature lines in one row under a form: 填表人, 分片干部, 村书记… */
export function signatureRow(labels: readonly string[], fontSize = SMALL_SIZE, blankWidth = 96, above: readonly Content[] = []): ContentObject {
  const row: Content = {
    margin: [0, 10, 0, 0],
    columns: labels.map((label) => ({ width: 'auto', stack: [signatureLine(`${label}：`, blankWidth, fontSize)] })),
    columnGap: fontSize * 2,
  };
  // `above`: the totals and notes under a list, which travel with its signatures.
  return { unbreakable: true, stack: [...above, row] };
}

/** Ids render.ts looks for: a table whose last row must share its page with the signature block after it. */
export const KEEP_TABLE_ID = 'dibao-keep-table';
export const KEEP_LAST_ROW_ID = 'dibao-keep-last-row';
export const KEEP_SIGNATURE_ID = 'dibao-keep-signature';

/**
 * A table followed by its signature block, never with the signature alone on the last page (issue 12: 附件2's page 6
 * held only the signature row). pdfmake cannot keep a block with the row before it, so the table and the block are
 * marked here and renderPdf lays the document out, and if the block landed on a page after the last row, moves the
 * last row (under a repeated header) to that page with it.
 */
export function tableThenSignature(table: ContentObject, signature: ContentObject): Content[] {
  const body = table.table?.body ?? [];
  const last = body.at(-1);
  const headerRows = table.table?.headerRows ?? 0;
  if (!table.table || !last || body.length <= headerRows) return [table, signature];
  const [first, ...rest] = last;
  const marked: Content = typeof first === 'object' && !Array.isArray(first) ? { ...first, id: KEEP_LAST_ROW_ID } : { text: first ?? '', id: KEEP_LAST_ROW_ID };
  return [
    { ...table, id: KEEP_TABLE_ID, table: { ...table.table, body: [...body.slice(0, -1), [marked, ...rest]] } },
    { ...signature, id: KEEP_SIGNATURE_ID },
  ];
}

/**
 * 「部分丧失劳动能力」 and 「完全丧失劳动能力」 break after 「丧失」, never mid-word, in narrow table columns; 「有劳动能力」
 * is left whole (its column is sized for it).
 */
export function laborCapacityCell(label: string): string {
  return label.length > 5 && label.endsWith('劳动能力') ? `${label.slice(0, -4)}\n劳动能力` : label;
}
