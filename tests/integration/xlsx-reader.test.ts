// The strict .xlsx reader (src/exchange/xlsx), called directly (the worker runs the same function): cell values
// as the importers expect them, and everything that is not a complete, sound workbook refused as damaged.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbookSheet } from '../../src/exchange/xlsx/sheet-reader';
import { SheetError } from '../../src/exchange/xlsx/sheet-error';
import { workbookParts, writeZip, type ZipPart } from '../helpers/bad-xlsx';

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal workbook written by hand: one sheet per entry of `sheets`, optional shared strings and styles. */
function handMade(opts: { sheets: { name: string; xml: string | Buffer; state?: string }[]; shared?: string; styles?: string; workbookPr?: string }): Buffer {
  const parts: ZipPart[] = [
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook ${NS}>${opts.workbookPr ?? ''}<sheets>${opts.sheets
          .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${opts.sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('')}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
      ),
    },
    ...opts.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: typeof s.xml === 'string' ? xml(s.xml) : s.xml })),
  ];
  if (opts.shared !== undefined) parts.push({ name: 'xl/sharedStrings.xml', data: xml(opts.shared) });
  if (opts.styles !== undefined) parts.push({ name: 'xl/styles.xml', data: xml(opts.styles) });
  return writeZip(parts);
}

const sheetXml = (rows: string) => `<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;

const refusal = (bytes: Buffer) => {
  try {
    readWorkbookSheet(bytes, null);
  } catch (err) {
    if (err instanceof SheetError) return err.message;
    throw err;
  }
  return null;
};

/** An 18-digit ID number typed into Excel as a number: only 15 significant digits survive. */
const LONG_NUMBER = Number('990101195001010011');

describe('cell values', () => {
  it('reads what exceljs writes: text, numbers, dates, booleans, formula results, rich text; a long number is marked lossy', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号', '日期', '金额', '是否', '公式', '富文本']);
    ws.addRow([
      '  张建国 ',
      LONG_NUMBER,
      new Date(Date.UTC(2020, 2, 1)),
      1234.5,
      true,
      { formula: 'A2&"户"', result: '张建国户' },
      { richText: [{ text: '重' }, { font: { bold: true }, text: '病' }] },
    ]);
    ws.addRow(['李秀英', '990101196002020022', '2018/6/1', 0, false, { formula: '1+1', result: 2 }]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = readWorkbookSheet(bytes, null);
    expect(r.sheets).toEqual(['名单']);
    expect(r.rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '身份证号', '日期', '金额', '是否', '公式', '富文本'], lossy: [] },
      // What Excel kept of an 18-digit number: 15 significant digits, so the importers can say the digits are lost.
      { rowNumber: 2, cells: ['张建国', LONG_NUMBER.toFixed(0), '2020-03-01', '1234.5', '是', '张建国户', '重病'], lossy: [1] },
      { rowNumber: 3, cells: ['李秀英', '990101196002020022', '2018/6/1', '0', '否', '2'], lossy: [] },
    ]);
  });

  it('inline strings, phonetic guides left out, cells and rows without references, prefixed elements, 1904 dates and custom date formats', () => {
    const bytes = handMade({
      workbookPr: '<workbookPr date1904="1"/>',
      sheets: [
        {
          name: '表',
          xml: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c><x:c s="2"><x:v>43890</x:v></x:c></x:row>
            <x:row r="5"><x:c r="C5" t="str"><x:v>丙</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>
            <x:row r="6"/>
          </x:sheetData></x:worksheet>`,
        },
      ],
      shared: `<sst ${NS}><si><r><t>王</t></r><r><t xml:space="preserve">德明 </t></r><rPh sb="0" eb="1"><t>おう</t></rPh></si></sst>`,
      styles: `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
    });
    expect(readWorkbookSheet(bytes, null).rows).toEqual([
      { rowNumber: 1, cells: ['甲', '王德明', '1904-01-01', '43890'], lossy: [] },
      { rowNumber: 5, cells: ['', '', '丙', ''], lossy: [] },
    ]);
  });

  it('reads the sheet asked for, and only visible worksheets are offered', () => {
    const one = sheetXml('<row r="1"><c t="inlineStr"><is><t>一</t></is></c></row>');
    const two = sheetXml('<row r="1"><c t="inlineStr"><is><t>二</t></is></c></row>');
    const bytes = handMade({
      sheets: [
        { name: '隐藏', xml: one, state: 'hidden' },
        { name: '甲', xml: one },
        { name: '乙', xml: two },
        { name: '很隐藏', xml: two, state: 'veryHidden' },
      ],
    });
    expect(readWorkbookSheet(bytes, null)).toMatchObject({ sheets: ['甲', '乙'], sheetName: '甲', rows: [{ cells: ['一'] }] });
    expect(readWorkbookSheet(bytes, '乙')).toMatchObject({ sheetName: '乙', rows: [{ cells: ['二'] }] });
    expect(() => readWorkbookSheet(bytes, '很隐藏')).toThrow('工作簿中没有名为「很隐藏」的可见工作表（可选：「甲」、「乙」）');
  });
});

describe('anything but a sound workbook is damaged', () => {
  const ok = sheetXml('<row r="1"><c t="s"><v>0</v></c></row><row r="2"><c t="s"><v>0</v></c></row>');
  const shared = `<sst ${NS}><si><t>甲</t></si></sst>`;

  it('a sheet, the shared strings or the workbook cut short', () => {
    expect(refusal(handMade({ sheets: [{ name: 'a', xml: ok }], shared }))).toBeNull();
    expect(refusal(handMade({ sheets: [{ name: 'a', xml: ok.slice(0, ok.length - 30) }], shared }))).toContain('文件已损坏');
    expect(refusal(handMade({ sheets: [{ name: 'a', xml: ok }], shared: shared.slice(0, -8) }))).toContain('文件已损坏');
  });

  it('rows out of order, a shared string that does not exist, a number that is not one, a DOCTYPE, text that is not UTF-8', () => {
    const bad = [
      sheetXml('<row r="2"><c t="s"><v>0</v></c></row><row r="1"><c t="s"><v>0</v></c></row>'),
      sheetXml('<row r="1"><c t="s"><v>7</v></c></row>'),
      sheetXml('<row r="1"><c><v>1,5</v></c></row>'),
      `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaa">]>${ok}`,
    ];
    for (const x of bad) expect(refusal(handMade({ sheets: [{ name: 'a', xml: x }], shared }))).toContain('文件已损坏');
    const notUtf8 = Buffer.concat([Buffer.from(`<worksheet ${NS}><sheetData><row r="1"><c t="inlineStr"><is><t>`), Buffer.from([0xc4, 0xe3]), Buffer.from('</t></is></c></row></sheetData></worksheet>')]);
    expect(refusal(handMade({ sheets: [{ name: 'a', xml: notUtf8 }] }))).toContain('文件已损坏');
  });

  it('a byte changed in a stored part fails its CRC', async () => {
    const parts = await workbookParts((wb) => wb.addWorksheet('a').addRow(['x']));
    for (const p of parts) p.store = true;
    const bytes = writeZip(parts);
    const at = bytes.indexOf('<sheetData>');
    bytes[at + 1] = 'S'.charCodeAt(0);
    expect(refusal(bytes)).toContain('文件已损坏');
  });
});
