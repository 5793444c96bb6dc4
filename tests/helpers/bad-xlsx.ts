// Generator of bad .xlsx files for the import tests (issue 11): the zip is written by hand, so that a test
// decides what the central directory declares, in which order the parts are stored, and what they hold.
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export type ZipPart = {
  name: string;
  data: Buffer;
  /** Declared sizes, when the directory is to lie (the data written is still `data`). */
  declared?: { uncompressed?: number; compressed?: number };
  /** Stored instead of deflated. */
  store?: boolean;
};

let table: Uint32Array | null = null;
export function crc32(data: Buffer): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of data) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A plain zip (no zip64, no data descriptors) of `parts` in the given order. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = p.store ? p.data : deflateRawSync(p.data);
    const crc = crc32(p.data);
    const compressed = p.declared?.compressed ?? body.length;
    const uncompressed = p.declared?.uncompressed ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(uncompressed, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(p.store ? 0 : 8, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(compressed, 20);
    cd.writeUInt32LE(uncompressed, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

/** The parts of a workbook exceljs writes, in its order (sheets before sharedStrings, workbook.xml last). */
export async function workbookParts(build: (wb: ExcelJS.Workbook) => void): Promise<ZipPart[]> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const parts: ZipPart[] = [];
  for (const f of Object.values(zip.files)) if (!f.dir) parts.push({ name: f.name, data: await f.async('nodebuffer') });
  return parts;
}

const part = (parts: ZipPart[], name: string): ZipPart => {
  const p = parts.find((x) => x.name === name);
  if (!p) throw new Error(`no part ${name}`);
  return p;
};

/** A list as the office receives it: a title row, the headers, then the rows. */
export const listSheet =
  (headers: string[], rows: (string | number)[][], name = '名单', title = '2026年名单') =>
  (wb: ExcelJS.Workbook): ExcelJS.Worksheet => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title]);
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return ws;
  };

const b64 = (b: Buffer) => b.toString('base64');

/** The sheet's XML cut in half (the zip itself is sound: every CRC matches what is stored). */
export async function truncatedSheetXlsx(headers: string[], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts(listSheet(headers, rows));
  const sheet = part(parts, 'xl/worksheets/sheet1.xml');
  sheet.data = sheet.data.subarray(0, Math.floor(sheet.data.length / 2));
  return b64(writeZip(parts));
}

/** A hidden first sheet (decoy rows) before the visible list. */
export async function hiddenFirstSheetXlsx(headers: string[], decoy: (string | number)[][], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts((wb) => {
    listSheet(headers, decoy, '旧名单')(wb).state = 'hidden';
    listSheet(headers, rows, '名单')(wb);
  });
  return b64(writeZip(parts));
}

/** Every worksheet hidden. */
export async function allHiddenXlsx(headers: string[], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts((wb) => {
    listSheet(headers, rows, '名单')(wb).state = 'veryHidden';
  });
  return b64(writeZip(parts));
}

/** Several visible sheets, one per village. */
export async function multiSheetXlsx(sheets: { name: string; rows: (string | number)[][] }[], headers: string[]): Promise<string> {
  const parts = await workbookParts((wb) => {
    for (const s of sheets) listSheet(headers, s.rows, s.name)(wb);
  });
  return b64(writeZip(parts));
}

/**
 * A zip bomb: a sound workbook whose sheet is followed by 64 MB of spaces (valid XML whitespace), which deflate
 * to about 64 KB. Read whole, it would be parsed; the ratio check refuses it before inflating.
 */
export async function zipBombXlsx(headers: string[], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts(listSheet(headers, rows));
  const sheet = part(parts, 'xl/worksheets/sheet1.xml');
  sheet.data = Buffer.concat([sheet.data, Buffer.alloc(64 * 1024 * 1024, 0x20)]);
  return b64(writeZip(parts));
}

/** A directory that declares a sheet of 150 MB (the data is small): refused on what is declared. */
export async function oversizeDeclaredXlsx(headers: string[], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts(listSheet(headers, rows));
  part(parts, 'xl/worksheets/sheet1.xml').declared = { uncompressed: 150 * 1024 * 1024, compressed: 1024 * 1024 };
  return b64(writeZip(parts));
}

/** A directory that understates a sheet's size: inflating stops at the declared size, and the file is damaged. */
export async function lyingSizeXlsx(headers: string[], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts(listSheet(headers, rows));
  const sheet = part(parts, 'xl/worksheets/sheet1.xml');
  sheet.declared = { uncompressed: Math.floor(sheet.data.length / 3) };
  return b64(writeZip(parts));
}

/** A sound workbook plus `extra` tiny parts. */
export async function manyEntriesXlsx(headers: string[], rows: (string | number)[][], extra = 2_100): Promise<string> {
  const parts = await workbookParts(listSheet(headers, rows));
  for (let i = 0; i < extra; i++) parts.push({ name: `xl/media/image${i}.bin`, data: Buffer.from([i & 0xff]), store: true });
  return b64(writeZip(parts));
}

/** The parts in an adversarial order: workbook.xml and its relationships last, the sheet first. */
export async function reorderedXlsx(headers: string[], rows: (string | number)[][]): Promise<string> {
  const parts = await workbookParts(listSheet(headers, rows));
  const rank = (n: string) => (n.includes('worksheets/') ? 0 : n === 'xl/workbook.xml' || n.endsWith('.rels') ? 2 : 1);
  parts.sort((a, b) => rank(a.name) - rank(b.name));
  return b64(writeZip(parts));
}
