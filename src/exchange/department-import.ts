// Reading a department's Excel list (扶贫, 医保, 残联) into plain text cells: one visible worksheet (the first,
// or the one the clerk picked), read in a worker thread by the strict reader of ./xlsx.
import { columnLetter, findHeaderRow } from '../domain/screening';
import { readSheet } from './xlsx/read-sheet';
import { SheetError } from './xlsx/sheet-error';
import type { SheetRow } from './xlsx/sheet-reader';

export { columnLetter, SheetError, type SheetRow };

export type DepartmentSheet = {
  /** The visible worksheets of the file. */
  sheets: string[];
  sheetName: string;
  headerRowNumber: number;
  headers: string[];
  rows: SheetRow[];
};

/** The header row is found among the top rows (title rows may sit above it). */
export async function readDepartmentSheet(bytes: Buffer, sheetName: string | null = null): Promise<DepartmentSheet> {
  const book = await readSheet(bytes, sheetName);
  if (book.rows.length === 0) throw new SheetError(`工作表「${book.sheetName}」是空的`);
  const h = findHeaderRow(book.rows.map((r) => r.cells));
  const header = book.rows[h]!;
  return { sheets: book.sheets, sheetName: book.sheetName, headerRowNumber: header.rowNumber, headers: header.cells, rows: book.rows.slice(h + 1) };
}
