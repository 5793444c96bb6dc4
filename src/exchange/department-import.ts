// Reading a department's Excel list (扶贫, 医保, 残联) into plain text cells. The streaming reader keeps a
// 50,000-row list within a few seconds; only the first worksheet is read.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnLetter, findHeaderRow } from '../domain/screening';

export { columnLetter };

export type SheetRow = {
  /** Row number as Excel shows it (1-based). */
  rowNumber: number;
  cells: string[];
  /** Columns whose cell was a number too long for Excel to keep exactly (an ID number typed as a number). */
  lossy: number[];
};

export type DepartmentSheet = {
  sheetName: string;
  headerRowNumber: number;
  headers: string[];
  rows: SheetRow[];
};

export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: unknown): { text: string; lossy: boolean } {
  if (v === null || v === undefined) return { text: '', lossy: false };
  if (typeof v === 'string') return { text: v.trim(), lossy: false };
  if (typeof v === 'number') {
    // Excel keeps 15 significant digits: an 18-digit ID number typed as a number has lost its last digits.
    if (Number.isInteger(v) && Math.abs(v) >= 1e15) return { text: v.toFixed(0), lossy: true };
    return { text: String(v), lossy: false };
  }
  if (typeof v === 'boolean') return { text: v ? '是' : '否', lossy: false };
  if (v instanceof Date) {
    return { text: Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`, lossy: false };
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return { text: o.richText.map((r) => r.text).join('').trim(), lossy: false };
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
  }
  return { text: '', lossy: false };
}

/** Reads the first worksheet; the header row is found among the top rows (title rows may sit above it). */
export async function readDepartmentSheet(bytes: Buffer): Promise<DepartmentSheet> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new SheetError('文件不是 Excel 工作簿（.xlsx）。旧版 .xls 文件请先用 Excel 或 WPS 另存为 .xlsx');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const all: SheetRow[] = [];
  let sheetName = '';
  try {
    for await (const ws of reader) {
      sheetName = (ws as unknown as { name?: string }).name ?? 'Sheet1';
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        const lossy: number[] = [];
        // row.values is 1-based: index 0 is empty.
        for (let c = 1; c < values.length; c++) {
          const t = cellText(values[c]);
          cells[c - 1] = t.text;
          if (t.lossy) lossy.push(c - 1);
        }
        for (let c = 0; c < cells.length; c++) cells[c] ??= '';
        if (cells.some((c) => c !== '')) all.push({ rowNumber: row.number, cells, lossy });
      }
      break;
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError('无法读取该 Excel 文件，文件可能已损坏或被加密');
  }
  if (all.length === 0) throw new SheetError('工作簿的第一个工作表是空的');
  const h = findHeaderRow(all.map((r) => r.cells));
  const header = all[h]!;
  return { sheetName, headerRowNumber: header.rowNumber, headers: header.cells, rows: all.slice(h + 1) };
}
