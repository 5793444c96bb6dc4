// A one-sheet .xlsx written as strings (issue 13): exceljs keeps an object per cell, a style object per cell and a
// model of the whole sheet before it writes a byte, and zips with JSZip in JavaScript — 2.8 s of the 低保花名册's 3 s
// at 100,000 persons. A report whose layout is fixed needs none of that: its rows go straight into the sheet's XML,
// its few styles are a fixed table, and node:zlib deflates the parts. The parts are the ones exceljs 4.4 writes
// (same content types, relationships, document properties and theme), so Excel, WPS and exceljs read the same
// workbook as before.
import theme1 from 'exceljs/lib/xlsx/xml/theme1.js';
import { DeflatingEntry, zipFiles, type DeflatedEntry } from '../zip-writer';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** XML 1.0 forbids these control characters even escaped; exceljs drops them too. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const ESCAPES = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data or attribute value. */
export function xmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPES, (c) => ENTITY[c] ?? '');
}

/** Column letters of 1-based column numbers up to 26 (a report of this program is never wider). */
export const COLUMN_LETTERS = Array.from({ length: 27 }, (_, i) => (i === 0 ? '' : String.fromCharCode(64 + i)));

/**
 * The workbook's shared string table: each distinct text once, cells refer to it by index (Excel's own way; an
 * ID number or a village name repeated on thousands of rows is stored once).
 */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  /** How many cells refer to the table (the `count` attribute). */
  private refs = 0;

  indexOf(text: string): number {
    this.refs++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(text, i);
      this.items.push(text);
    }
    return i;
  }

  xml(): string {
    const out: string[] = [`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.refs}" uniqueCount="${this.items.length}">`];
    for (const t of this.items) {
      // Leading or trailing white space and line breaks survive only when marked (as exceljs marks them).
      out.push(/^\s|\n|\s$/.test(t) ? `<si><t xml:space="preserve">${xmlText(t)}</t></si>` : `<si><t>${xmlText(t)}</t></si>`);
    }
    out.push('</sst>');
    return out.join('');
  }
}

/** Where the sheet's XML is written, row by row (deflated as it goes: a county roster's sheet is ~12 MB). */
export function sheetPart(): DeflatingEntry {
  return new DeflatingEntry('xl/worksheets/sheet1.xml');
}

export type OneSheetWorkbook = {
  sheetName: string;
  /** xl/worksheets/sheet1.xml, written through sheetPart() and ended. */
  sheet: DeflatedEntry;
  sharedStrings: SharedStrings;
  /** The complete xl/styles.xml. */
  stylesXml: string;
  creator: string;
  /** Both the created and the modified date of the document properties: the same export gives the same bytes. */
  date: Date;
  /** Rows repeated at the top of every printed page, e.g. `1:3`. */
  printTitleRows: string | null;
};

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function contentTypes(): string {
  const ct = 'application/vnd.openxmlformats-officedocument';
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>` +
    `<Override PartName="/xl/theme/theme1.xml" ContentType="${ct}.theme+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
    '</Types>'
  );
}

function rootRels(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function appProps(sheetName: string): string {
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>' +
    `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>${xmlText(sheetName)}</vt:lpstr></vt:vector></TitlesOfParts>` +
    '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>' +
    '</Properties>'
  );
}

function coreProps(creator: string, date: Date): string {
  const at = isoSeconds(date);
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlText(creator)}</dc:creator><dc:title></dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category>` +
    `<cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function workbookXml(sheetName: string, printTitleRows: string | null): string {
  const [from, to] = (printTitleRows ?? '').split(':');
  // A sheet name in a formula is quoted, a quote in it doubled.
  const titles = printTitleRows
    ? `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">${xmlText(`'${sheetName.replace(/'/g, "''")}'!$${from}:$${to}`)}</definedName></definedNames>`
    : '';
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
    '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
    `<sheets><sheet sheetId="1" name="${xmlText(sheetName)}" state="visible" r:id="rId4"/></sheets>${titles}<calcPr calcId="171027"/></workbook>`
  );
}

function workbookRels(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${REL_NS}/theme" Target="theme/theme1.xml"/>` +
    `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId4" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
    '</Relationships>'
  );
}

/** The .xlsx package of one sheet, every part deflated. */
export async function writeOneSheetWorkbook(w: OneSheetWorkbook): Promise<Buffer> {
  const part = (path: string, xml: string) => ({ path, bytes: Buffer.from(xml, 'utf8'), deflate: true });
  return zipFiles(
    [
      part('[Content_Types].xml', contentTypes()),
      part('_rels/.rels', rootRels()),
      part('docProps/app.xml', appProps(w.sheetName)),
      part('docProps/core.xml', coreProps(w.creator, w.date)),
      part('xl/workbook.xml', workbookXml(w.sheetName, w.printTitleRows)),
      part('xl/_rels/workbook.xml.rels', workbookRels()),
      part('xl/theme/theme1.xml', theme1),
      part('xl/styles.xml', w.stylesXml),
      part('xl/sharedStrings.xml', w.sharedStrings.xml()),
      w.sheet,
    ],
    w.date,
  );
}
