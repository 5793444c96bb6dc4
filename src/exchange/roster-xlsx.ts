import type { RosterLine } from '../contract';
import { CATEGORY_LABELS } from '../domain/determination-types';
import type { DeflatingEntry } from './zip-writer';
import { COLUMN_LETTERS, SharedStrings, sheetPart, writeOneSheetWorkbook, xmlText } from './xlsx/xlsx-writer';

const INTERNAL = '内部资料，不得公开张贴';
const COLUMNS = 15;
const LAST = COLUMN_LETTERS[COLUMNS]!;
const HEADER = ['序号', '村（社区）', '村民小组', '户主', '人口', '家庭类别', '保障对象', '身份证号码', '分类', '月金额', '户月保障金', '发放起始', '上次复核', '下次复核', '渐退期至'];
const WIDTHS = [6, 12, 12, 10, 6, 14, 10, 21, 6, 10, 12, 10, 12, 12, 12];
/** 月金额 and 户月保障金 show two decimals, in the column's own style too (cells typed in later by the office). */
const MONEY_COLUMNS = new Set([10, 11]);

/**
 * The sheet's styles, a fixed table (the cellXfs index is the cell's `s`). Fonts: 0 Calibri 11 (Excel's
 * default), 1 bold 14 (title), 2 bold dark red (the internal notice, an overdue review date), 3 bold. Borders:
 * 0 none, 1 a box, then a household's box drawn down its rows: 2 its first row (no bottom rule), 3 a middle row
 * (sides only), 4 its last row (no top rule). numFmt 4 is `#,##0.00`, 49 is text (`@`).
 */
const FONTS = [
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>',
  '<font><b/><sz val="14"/></font>',
  '<font><b/><color rgb="FFC00000"/></font>',
  '<font><b/></font>',
];
const THIN = 'style="thin"';
const BORDERS = [
  '<border><left/><right/><top/><bottom/><diagonal/></border>',
  `<border><left ${THIN}/><right ${THIN}/><top ${THIN}/><bottom ${THIN}/><diagonal/></border>`,
  `<border><left ${THIN}/><right ${THIN}/><top ${THIN}/><bottom/><diagonal/></border>`,
  `<border><left ${THIN}/><right ${THIN}/><top/><bottom/><diagonal/></border>`,
  `<border><left ${THIN}/><right ${THIN}/><top/><bottom ${THIN}/><diagonal/></border>`,
];
type Xf = { numFmt?: number; font?: number; border?: number; align?: 'center' | 'header' | 'top' | 'middle' };
const ALIGNMENT = {
  center: '<alignment horizontal="center"/>',
  header: '<alignment horizontal="center" vertical="center" wrapText="1"/>',
  top: '<alignment vertical="top" wrapText="1"/>',
  middle: '<alignment vertical="center" wrapText="1"/>',
};
const S = {
  plain: 0,
  money: 1,
  title: 2,
  notice: 3,
  headerRow: 4,
  header: 5,
  headerMoney: 6,
  /** A household's columns on its first, middle and last rows, and on its only row; each also with two decimals. */
  first: 7,
  member: 8,
  idNumber: 9,
  amount: 10,
  firstMoney: 11,
  middle: 12,
  middleMoney: 13,
  last: 14,
  lastMoney: 15,
  only: 16,
  onlyMoney: 17,
  sum: 18,
  sumMoney: 19,
  /** 下次复核 of a household whose review is overdue: bold dark red. */
  overdueFirst: 20,
  overdueOnly: 21,
} as const;
const XFS: Xf[] = [
  {},
  { numFmt: 4 },
  { font: 1, align: 'center' },
  { font: 2 },
  { font: 3, align: 'header' },
  { font: 3, border: 1, align: 'header' },
  { numFmt: 4, font: 3, border: 1, align: 'header' },
  { border: 2, align: 'top' },
  { border: 1, align: 'middle' },
  { numFmt: 49, border: 1, align: 'middle' },
  { numFmt: 4, border: 1, align: 'middle' },
  { numFmt: 4, border: 2, align: 'top' },
  { border: 3, align: 'top' },
  { numFmt: 4, border: 3, align: 'top' },
  { border: 4, align: 'top' },
  { numFmt: 4, border: 4, align: 'top' },
  { border: 1, align: 'top' },
  { numFmt: 4, border: 1, align: 'top' },
  { font: 3 },
  { numFmt: 4, font: 3 },
  { font: 2, border: 2, align: 'top' },
  { font: 2, border: 1, align: 'top' },
];

function xfXml(x: Xf): string {
  const numFmt = x.numFmt ?? 0;
  const applied = `${numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}${x.border ? ' applyBorder="1"' : ''}${x.align ? ' applyAlignment="1"' : ''}`;
  const head = `<xf numFmtId="${numFmt}" fontId="${x.font ?? 0}" fillId="0" borderId="${x.border ?? 0}" xfId="0"${applied}`;
  return x.align ? `${head}>${ALIGNMENT[x.align]}</xf>` : `${head}/>`;
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">' +
  `<fonts count="${FONTS.length}" x14ac:knownFonts="1">${FONTS.join('')}</fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  `<borders count="${BORDERS.length}">${BORDERS.join('')}</borders>` +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${XFS.length}">${XFS.map(xfXml).join('')}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

/** The household columns' styles by the row's place in its household (序号 … 家庭类别, 户月保障金 … 渐退期至). */
const PLACE = {
  only: { plain: S.only, money: S.onlyMoney, overdue: S.overdueOnly },
  first: { plain: S.first, money: S.firstMoney, overdue: S.overdueFirst },
  middle: { plain: S.middle, money: S.middleMoney, overdue: S.middle },
  last: { plain: S.last, money: S.lastMoney, overdue: S.last },
} as const;

/**
 * The 低保对象花名册 as a workbook (A4 landscape, header rows repeated on every page). It carries the covered
 * members' full ID numbers, so every page says it is internal (spec §9: public lists never show them).
 */
export type RosterWorkbookMeta = { township: string; office: string; generatedAt: string; today: string; view: 'all' | 'due' | 'gradual-exit' };

/** The sheet's cells as XML, rows written to the sheet's part (deflated piece by piece) as they are made. */
class SheetRows {
  constructor(
    private readonly strings: SharedStrings,
    private readonly part: DeflatingEntry,
  ) {}

  text(ref: string, s: number, v: string): string {
    return `<c r="${ref}" s="${s}" t="s"><v>${this.strings.indexOf(v)}</v></c>`;
  }

  number(ref: string, s: number, v: number): string {
    return `<c r="${ref}" s="${s}"><v>${v}</v></c>`;
  }

  row(r: number, cells: string, spans = `1:${COLUMNS}`, rowStyle: number | null = null): void {
    const style = rowStyle === null ? '' : ` s="${rowStyle}" customFormat="1"`;
    this.part.write(`<row r="${r}" spans="${spans}"${style} x14ac:dyDescent="0.25">${cells}</row>`);
  }
}

function writeSheet(part: DeflatingEntry, lines: readonly RosterLine[], title: string, notice: string, meta: RosterWorkbookMeta, strings: SharedStrings): void {
  const rows = new SheetRows(strings, part);
  // One row per covered member, plus the three heading rows and the total.
  const lastRow = 3 + lines.reduce((n, l) => n + Math.max(1, l.members.length), 0) + 1;
  let cols = '';
  for (let c = 1; c <= COLUMNS; c++) {
    cols += `<col min="${c}" max="${c}" width="${WIDTHS[c - 1]}"${MONEY_COLUMNS.has(c) ? ` style="${S.money}"` : ''} customWidth="1"/>`;
  }
  part.write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">' +
      `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:${LAST}${lastRow}"/>` +
      // The three header rows stay in view while the clerk scrolls.
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="0.25"/>' +
      `<cols>${cols}</cols><sheetData>`,
  );
  // Title and notice: merged across the sheet, the master cell's style on every cell of the range.
  for (const [r, s, text] of [
    [1, S.title, `${meta.township}${title}`],
    [2, S.notice, notice],
  ] as const) {
    let cells = rows.text(`A${r}`, s, text);
    for (let c = 2; c <= COLUMNS; c++) cells += `<c r="${COLUMN_LETTERS[c]}${r}" s="${s}"/>`;
    rows.row(r, cells);
  }
  let header = '';
  for (let c = 1; c <= COLUMNS; c++) header += rows.text(`${COLUMN_LETTERS[c]}3`, MONEY_COLUMNS.has(c) ? S.headerMoney : S.header, HEADER[c - 1]!);
  rows.row(3, header, `1:${COLUMNS}`, S.headerRow);

  let r = 4;
  let persons = 0;
  let size = 0;
  let total = 0;
  for (const [i, l] of lines.entries()) {
    const members = l.members.length ? l.members : [{ name: '', idNumber: '', class: '', amount: 0, personId: 0 }];
    size += l.size;
    total += l.monthlyTotal;
    persons += l.members.length;
    for (const [j, m] of members.entries()) {
      // A household's columns are written once, on its first member's row, and drawn as one box down its rows
      // (no rule between members). Not merged: merges are what made exceljs quadratic on a county roster (issue 13).
      const place = PLACE[members.length === 1 ? 'only' : j === 0 ? 'first' : j === members.length - 1 ? 'last' : 'middle'];
      let cells: string;
      if (j === 0) {
        cells =
          rows.number(`A${r}`, place.plain, i + 1) +
          rows.text(`B${r}`, place.plain, l.villageName) +
          rows.text(`C${r}`, place.plain, l.groupName ?? '') +
          rows.text(`D${r}`, place.plain, l.headName ?? '') +
          rows.number(`E${r}`, place.plain, l.size) +
          rows.text(`F${r}`, place.plain, CATEGORY_LABELS[l.category as keyof typeof CATEGORY_LABELS] ?? l.category);
      } else {
        cells = `<c r="A${r}" s="${place.plain}"/><c r="B${r}" s="${place.plain}"/><c r="C${r}" s="${place.plain}"/><c r="D${r}" s="${place.plain}"/><c r="E${r}" s="${place.plain}"/><c r="F${r}" s="${place.plain}"/>`;
      }
      cells +=
        rows.text(`G${r}`, S.member, m.name) +
        // Text, so that Excel does not turn an 18-digit number into 3.40E+17.
        rows.text(`H${r}`, S.idNumber, m.idNumber) +
        rows.text(`I${r}`, S.member, m.class ? `${m.class}类` : '') +
        rows.number(`J${r}`, S.amount, m.amount);
      if (j === 0) {
        cells +=
          rows.number(`K${r}`, place.money, l.monthlyTotal) +
          rows.text(`L${r}`, place.plain, l.paymentStart ?? '') +
          rows.text(`M${r}`, place.plain, l.lastReview) +
          rows.text(`N${r}`, l.dueStatus === 'overdue' ? place.overdue : place.plain, l.nextDue) +
          rows.text(`O${r}`, place.plain, l.gradualExit?.endMonth ?? '');
      } else {
        cells += `<c r="K${r}" s="${place.money}"/><c r="L${r}" s="${place.plain}"/><c r="M${r}" s="${place.plain}"/><c r="N${r}" s="${place.plain}"/><c r="O${r}" s="${place.plain}"/>`;
      }
      rows.row(r, cells);
      r++;
    }
  }
  rows.row(r, rows.text(`A${r}`, S.sum, '合计') + rows.number(`E${r}`, S.sum, size) + rows.text(`G${r}`, S.sum, `${persons} 人`) + rows.number(`K${r}`, S.sumMoney, total), '1:11', S.sum);

  const headerText = `&L&"宋体,加粗"${INTERNAL}&R${meta.office}`;
  const footerText = `&L${INTERNAL}&C第 &P 页，共 &N 页&R导出日期 ${meta.today}`;
  part.write(
    '</sheetData>' +
      `<mergeCells count="2"><mergeCell ref="A1:${LAST}1"/><mergeCell ref="A2:${LAST}2"/></mergeCells>` +
      '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
      // A4 (9) landscape, every column on one page wide, as many pages down as it takes.
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
      `<headerFooter><oddHeader>${xmlText(headerText)}</oddHeader><oddFooter>${xmlText(footerText)}</oddFooter></headerFooter>` +
      '</worksheet>',
  );
}

export async function rosterWorkbook(lines: RosterLine[], meta: RosterWorkbookMeta): Promise<Buffer> {
  const title = meta.view === 'due' ? '低保对象到期复核名单' : meta.view === 'gradual-exit' ? '低保对象渐退期名单' : '低保对象花名册';
  const persons = lines.reduce((n, l) => n + l.members.length, 0);
  const total = lines.reduce((s, l) => s + l.monthlyTotal, 0);
  const notice = `【${INTERNAL}】含保障对象完整身份证号码，仅供民政所内部核对使用。共 ${lines.length} 户 ${persons} 人，月保障金合计 ${total.toFixed(2)} 元。导出日期 ${meta.today}`;
  const strings = new SharedStrings();
  const part = sheetPart();
  writeSheet(part, lines, title, notice, meta, strings);
  return writeOneSheetWorkbook({
    sheetName: title,
    sheet: await part.end(),
    sharedStrings: strings,
    stylesXml: STYLES_XML,
    creator: meta.office,
    date: new Date(meta.generatedAt),
    printTitleRows: '1:3',
  });
}
