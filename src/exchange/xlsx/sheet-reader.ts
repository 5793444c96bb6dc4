// Reading one worksheet of an uploaded .xlsx as text cells: strict where exceljs was lenient (issue 11).
//
// - The zip is opened through its central directory with limits (zip-directory.ts); exceljs's streaming reader
//   used one pass of `unzipper.Parse`, whose synthetic 'end' (emitted when the INPUT is consumed) ended the
//   entry loop before the last entry was handled whenever the consumer was still busy writing the worksheet to
//   a temp file. exceljs writes xl/workbook.xml last, so under load a valid file lost its workbook and failed
//   with "Cannot read properties of undefined (reading 'sheets')" → 「无法读取该 Excel 文件」.
// - Every XML part is parsed with saxes AND closed: exceljs never calls `close()` on its sax parser, so a
//   sheet cut in half simply ended early and the rows before the cut were imported as if that was all.
// - Only worksheets the workbook shows are offered; a hidden first sheet is never read by default.
//
// Pure and synchronous: it runs in a worker thread (sheet-worker.ts), never on the server's event loop.
import { posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DAMAGED, ENCRYPTED_OR_XLS, NOT_XLSX, SheetError } from './sheet-error';
import { extractEntry, readZipDirectory, type ZipEntry } from './zip-directory';

export type SheetRow = {
  /** Row number as Excel shows it (1-based). */
  rowNumber: number;
  /** Text of each cell by 0-based column ('' for an empty cell). */
  cells: string[];
  /** Columns whose cell was a number too long for Excel to keep exactly (an ID number typed as a number). */
  lossy: number[];
};

export type WorkbookSheet = {
  /** The worksheets a clerk can see in Excel, in the workbook's order. */
  sheets: string[];
  /** The sheet that was read. */
  sheetName: string;
  /** Rows with at least one non-empty cell. */
  rows: SheetRow[];
};

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const CHUNK_CHARS = 1 << 20;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

type Handlers = {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/**
 * Parses a whole XML part; anything but a complete, well-formed document is DAMAGED. DOCTYPEs are refused
 * (OOXML has none, and entity definitions are how XML bombs work).
 */
function parseXml(bytes: Buffer, h: Handlers): void {
  const parser = new SaxesParser({ position: false });
  parser.on('error', () => {
    throw new SheetError(DAMAGED);
  });
  parser.on('doctype', () => {
    throw new SheetError(DAMAGED);
  });
  if (h.open) {
    const open = h.open;
    parser.on('opentag', (tag) => open(localName(tag.name), (tag as SaxesTagPlain).attributes));
  }
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  } catch {
    throw new SheetError(DAMAGED);
  }
  try {
    // In slices: a 100 MB sheet never becomes one 100 MB string.
    for (let at = start; at < bytes.length; at += CHUNK_CHARS) {
      parser.write(decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_CHARS)), { stream: true }));
    }
    parser.write(decoder.decode());
    // The check exceljs leaves out: an unclosed element or a document that stops half-way is an error here.
    parser.close();
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(DAMAGED);
  }
}

type Part = { entries: Map<string, ZipEntry>; bytes: Buffer };

const partKey = (name: string) => name.replace(/^\/+/, '').toLowerCase();

function readPart(zip: Part, name: string): Buffer | null {
  const entry = zip.entries.get(partKey(name));
  return entry ? extractEntry(zip.bytes, entry) : null;
}

type Relationship = { id: string; type: string; target: string };

/** The relationships of `partName` (`dir/_rels/name.rels`), targets resolved to part names. */
function relationships(zip: Part, partName: string): Relationship[] {
  const dir = posix.dirname(partName);
  const bytes = readPart(zip, posix.join(dir, '_rels', `${posix.basename(partName)}.rels`));
  if (!bytes) return [];
  const out: Relationship[] = [];
  parseXml(bytes, {
    open: (name, a) => {
      if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Target || !a.Id) return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, a.Target));
      out.push({ id: a.Id, type: a.Type ?? '', target });
    },
  });
  return out;
}

const isType = (r: Relationship, kind: string) => r.type.endsWith(`/${kind}`);

type SheetEntry = { name: string; visible: boolean; target: string | null };

function readWorkbook(zip: Part): { path: string; sheets: SheetEntry[]; date1904: boolean; rels: Relationship[] } {
  const path = relationships(zip, '').find((r) => isType(r, 'officeDocument'))?.target ?? 'xl/workbook.xml';
  const bytes = readPart(zip, path);
  if (!bytes) throw new SheetError(NOT_XLSX);
  const rels = relationships(zip, path);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  parseXml(bytes, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      // r:id, whatever the prefix of the relationships namespace is called in this file.
      const idKey = Object.keys(a).find((k) => k.includes(':') && localName(k) === 'id');
      const rel = idKey ? byId.get(a[idKey]!) : undefined;
      // Chart sheets and macro sheets are listed too; only worksheets hold rows.
      const target = rel && isType(rel, 'worksheet') ? rel.target : null;
      sheets.push({ name: a.name ?? '', visible: a.state !== 'hidden' && a.state !== 'veryHidden', target });
    },
  });
  return { path, sheets, date1904, rels };
}

/** Shared strings: plain text of each item (rich-text runs joined, phonetic guides left out). */
function readSharedStrings(zip: Part, path: string | undefined): string[] {
  const bytes = path ? readPart(zip, path) : null;
  if (!bytes) return [];
  const out: string[] = [];
  let text = '';
  let inT = false;
  let phonetic = 0;
  parseXml(bytes, {
    open: (name) => {
      if (name === 'si') text = '';
      else if (name === 't') inT = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') out.push(text);
    },
    text: (t) => {
      if (inT) text += t;
    },
  });
  return out;
}

/** Built-in number formats that show a date (incl. the Chinese-locale ones 27–36 and 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** For each cell style (`s` index): whether its number format shows a date. */
function readDateStyles(zip: Part, path: string | undefined): boolean[] {
  const bytes = path ? readPart(zip, path) : null;
  if (!bytes) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parseXml(bytes, {
    open: (name, a) => {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(a.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id)));
}

const pad = (n: number) => String(n).padStart(2, '0');

function serialToDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function readRows(bytes: Buffer, shared: string[], dateStyles: boolean[], date1904: boolean): SheetRow[] {
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let lossy: number[] = [];
  let col = 0;
  let type = '';
  let style = 0;
  let value = '';
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let phonetic = 0;

  const cellText = (): { text: string; lossy: boolean } => {
    switch (type) {
      case 's': {
        if (value.trim() === '') return { text: '', lossy: false };
        const s = shared[Number(value)];
        if (s === undefined) throw new SheetError(DAMAGED);
        return { text: s.trim(), lossy: false };
      }
      case 'inlineStr':
      case 'str':
        return { text: value.trim(), lossy: false };
      case 'b':
        return { text: value.trim() === '' ? '' : value.trim() === '1' || value.trim() === 'true' ? '是' : '否', lossy: false };
      case 'e':
        return { text: '', lossy: false };
      case 'd':
        return { text: /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? value.trim().slice(0, 10) : value.trim(), lossy: false };
      default: {
        if (value.trim() === '') return { text: '', lossy: false };
        const n = Number(value);
        if (!Number.isFinite(n)) throw new SheetError(DAMAGED);
        if (dateStyles[style]) return { text: serialToDate(n, date1904), lossy: false };
        // Excel keeps 15 significant digits: an 18-digit ID number typed as a number has lost its last digits.
        if (Number.isInteger(n) && Math.abs(n) >= 1e15) return { text: n.toFixed(0), lossy: true };
        return { text: String(n), lossy: false };
      }
    }
  };

  parseXml(bytes, {
    open: (name, a) => {
      switch (name) {
        case 'row': {
          const r = a.r === undefined ? rowNumber + 1 : Number(a.r);
          // Excel itself calls rows out of order, or beyond its last row, a damaged file.
          if (!Number.isInteger(r) || r <= rowNumber || r > MAX_ROW) throw new SheetError(DAMAGED);
          rowNumber = r;
          cells = [];
          lossy = [];
          col = 0;
          break;
        }
        case 'c': {
          const c = a.r === undefined ? col + 1 : columnOf(a.r);
          if (c < 1 || c > MAX_COLUMN) throw new SheetError(DAMAGED);
          col = c;
          type = a.t ?? 'n';
          style = a.s === undefined ? 0 : Number(a.s);
          value = '';
          inInline = false;
          break;
        }
        case 'v':
          capture = 'v';
          break;
        case 'is':
          inInline = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (inInline && phonetic === 0) capture = 't';
          break;
      }
    },
    close: (name) => {
      switch (name) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'is':
          inInline = false;
          break;
        case 'c': {
          if (rowNumber === 0) throw new SheetError(DAMAGED);
          const t = cellText();
          cells[col - 1] = t.text;
          if (t.lossy) lossy.push(col - 1);
          break;
        }
        case 'row': {
          for (let i = 0; i < cells.length; i++) cells[i] ??= '';
          if (cells.some((c) => c !== '')) rows.push({ rowNumber, cells, lossy });
          break;
        }
      }
    },
    text: (t) => {
      if (capture) value += t;
    },
  });
  return rows;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Buffer, magic: number[]) => b.length >= magic.length && magic.every((m, i) => b[i] === m);

/**
 * The sheet named `wanted` (one of the visible worksheets), or the first visible worksheet. Throws SheetError
 * with a Chinese message for anything that is not a complete, sound workbook.
 */
export function readWorkbookSheet(bytes: Buffer, wanted: string | null): WorkbookSheet {
  if (startsWith(bytes, OLE_MAGIC)) throw new SheetError(ENCRYPTED_OR_XLS);
  if (!startsWith(bytes, ZIP_MAGIC) && !startsWith(bytes, EMPTY_ZIP_MAGIC)) throw new SheetError(NOT_XLSX);
  const entries = readZipDirectory(bytes);
  const zip: Part = { bytes, entries: new Map(entries.map((e) => [partKey(e.name), e])) };
  const book = readWorkbook(zip);
  const visible = book.sheets.filter((s) => s.visible && s.target !== null);
  if (visible.length === 0) throw new SheetError('工作簿中没有可见的工作表');
  const names = visible.map((s) => s.name);
  let sheet = visible[0]!;
  if (wanted !== null) {
    const hit = visible.find((s) => s.name === wanted);
    if (!hit) throw new SheetError(`工作簿中没有名为「${wanted}」的可见工作表（可选：${names.map((n) => `「${n}」`).join('、')}）`);
    sheet = hit;
  }
  const sheetBytes = readPart(zip, sheet.target!);
  if (!sheetBytes) throw new SheetError(DAMAGED);
  const shared = readSharedStrings(zip, book.rels.find((r) => isType(r, 'sharedStrings'))?.target);
  const dateStyles = readDateStyles(zip, book.rels.find((r) => isType(r, 'styles'))?.target);
  return { sheets: names, sheetName: sheet.name, rows: readRows(sheetBytes, shared, dateStyles, book.date1904) };
}
