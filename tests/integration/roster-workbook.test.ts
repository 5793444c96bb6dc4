// The 低保花名册 workbook is written by hand (src/exchange/roster-xlsx.ts, issue 13). Read back with exceljs it must be
// the workbook exceljs itself built before: the same value, type and style in every cell, the same merges, columns,
// print settings and frozen header. Excel's own reading is not available here; exceljs's strict parts reader is.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { RosterLine } from '../../src/contract';
import { rosterWorkbook, type RosterWorkbookMeta } from '../../src/exchange/roster-xlsx';
import { rosterWorkbookByExceljs } from '../helpers/roster-workbook-exceljs';

type Member = RosterLine['members'][number];
const member = (personId: number, name: string, cls: 'A' | 'B' | 'C' | '', amount: number): Member =>
  ({ personId, name, idNumber: `9901011990010${String(personId).padStart(4, '0')}X`.slice(0, 18), class: cls, amount }) as Member;

function line(id: number, over: Partial<RosterLine>): RosterLine {
  return {
    householdId: id,
    villageId: 1,
    villageName: '东风村',
    groupName: '一组',
    headName: '张三',
    size: 1,
    source: 'approval',
    basisDate: '2026-01-10',
    category: 'poor',
    members: [member(id * 10, '张三', 'A', 783)],
    monthlyTotal: 783,
    paymentStart: '2026-02',
    lastReview: '2026-01-10',
    nextDue: '2027-01-10',
    dueStatus: 'ok',
    gradualExit: null,
    openCase: null,
    ...over,
  };
}

/** Every case the layout distinguishes: one, two and four members, overdue, 渐退期, no members, nulls, XML specials. */
const LINES: RosterLine[] = [
  line(1, {}),
  line(2, {
    size: 4,
    headName: '李四',
    members: [member(21, '李四', 'A', 783.5), member(22, '王五', 'B', 602.25), member(23, '赵六', 'C', 0.1 + 0.2), member(24, '钱七', 'B', 602)],
    monthlyTotal: 1987.85,
    dueStatus: 'overdue',
    nextDue: '2026-02-01',
  }),
  line(3, {
    villageName: '红旗<社区>&"一"',
    groupName: null,
    headName: null,
    size: 2,
    members: [member(31, "  O'Neil  ", '', 0), member(32, '孙\u0007八\n九', 'A', 783)],
    monthlyTotal: 783,
    dueStatus: 'overdue',
    gradualExit: { id: 1, caseId: 9, endMonth: '2026-06', months: 3, reason: '收入增加', grantedAt: '2026-03-01T00:00:00Z', grantedBy: '王' } as RosterLine['gradualExit'],
  }),
  line(4, { members: [], size: 3, monthlyTotal: 0, paymentStart: null, category: 'medical-expense', dueStatus: 'due' }),
  line(5, { category: 'unknown-kind', monthlyTotal: 1234567.891 }),
];

const META: RosterWorkbookMeta = { township: '红星镇', office: '红星镇民政所 & "办"', generatedAt: '2026-03-20T08:30:00.000Z', today: '2026-03-20', view: 'all' };

async function load(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

async function compare(lines: RosterLine[], meta: RosterWorkbookMeta) {
  const mine = await load(await rosterWorkbook(lines, meta));
  const theirs = await load(await rosterWorkbookByExceljs(lines, meta));
  expect(mine.name).toBe(theirs.name);
  expect(mine.rowCount).toBe(theirs.rowCount);
  expect(mine.columnCount).toBe(theirs.columnCount);
  for (let r = 1; r <= theirs.rowCount; r++) {
    for (let c = 1; c <= 15; c++) {
      const a = mine.getCell(r, c);
      const b = theirs.getCell(r, c);
      const where = `${b.address}`;
      expect({ where, value: a.value, type: a.type }).toEqual({ where, value: b.value, type: b.type });
      expect({ where, style: a.style }).toEqual({ where, style: b.style });
    }
    const rowStyle = (row: ExcelJS.Row) => ({ r, font: row.font, alignment: row.alignment, numFmt: row.numFmt, border: row.border });
    expect(rowStyle(mine.getRow(r))).toEqual(rowStyle(theirs.getRow(r)));
  }
  expect(mine.columns.map((c) => [c.width, c.style])).toEqual(theirs.columns.map((c) => [c.width, c.style]));
  const merges = (ws: ExcelJS.Worksheet) => [...(ws.model as unknown as { merges: string[] }).merges].sort();
  expect(merges(mine)).toEqual(merges(theirs));
  expect(mine.pageSetup).toEqual(theirs.pageSetup);
  expect(mine.headerFooter).toEqual(theirs.headerFooter);
  expect(mine.views).toEqual(theirs.views);
  expect(mine.properties.defaultRowHeight).toBe(theirs.properties.defaultRowHeight);
  return mine;
}

describe('the 低保花名册 workbook', () => {
  it('reads back cell for cell as the workbook exceljs built, in every view', async () => {
    const ws = await compare(LINES, META);
    // And what the clerk sees, stated outright.
    expect(ws.getCell('A1').value).toBe('红星镇低保对象花名册');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(String(ws.getCell('A2').value)).toContain('共 5 户 8 人');
    expect(ws.getCell('B4').value).toBe('东风村');
    expect(ws.getCell('N5').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } }); // overdue
    expect(ws.getCell('N4').font?.bold).toBeFalsy();
    expect(ws.getCell('H5').numFmt).toBe('@');
    expect(ws.getCell('J6').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B9').value).toBe('红旗<社区>&"一"');
    expect(ws.getCell('G9').value).toBe("  O'Neil  ");
    expect(ws.getCell('O9').value).toBe('2026-06');
    expect(ws.getCell('G11').value).toBe(''); // a household with no covered member keeps its one row
    expect(ws.getCell('F11').value).toBe('因病支出型家庭');
    expect(ws.getCell('F12').value).toBe('unknown-kind');
    expect(ws.getCell('A13').value).toBe('合计');
    expect(ws.getCell('E13').value).toBe(11);
    expect(ws.getCell('G13').value).toBe('8 人');
    expect(ws.rowCount).toBe(13);
    expect(ws.getColumn(8).width).toBe(21);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.headerFooter.oddHeader).toBe('&L&"宋体,加粗"内部资料，不得公开张贴&R红星镇民政所 & "办"');

    await compare(LINES, { ...META, view: 'due' });
    await compare(LINES.slice(2, 3), { ...META, view: 'gradual-exit' });
    await compare([], META);
  });

  it('is the same bytes for the same lines, and carries its date and office, not the time of writing', async () => {
    const a = await rosterWorkbook(LINES, META);
    expect((await rosterWorkbook(LINES, META)).equals(a)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a as unknown as ArrayBuffer);
    expect(wb.creator).toBe(META.office);
    expect(wb.created.toISOString()).toBe('2026-03-20T08:30:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-03-20T08:30:00.000Z');
    // A zip of deflated parts with no folder entries, [Content_Types].xml first (as Office writes it).
    expect(a.subarray(30, 30 + '[Content_Types].xml'.length).toString()).toBe('[Content_Types].xml');
    expect(a.readUInt16LE(8)).toBe(8);
  });

  it('is the same workbook at a size whose sheet is deflated in several pieces', async () => {
    // 2,500 households, 1 to 4 members: ~6,000 rows, a sheet of ~3 MB of XML (pieces of ~1 MB).
    const lines = Array.from({ length: 2500 }, (_, i) => {
      const n = (i % 4) + 1;
      const members = Array.from({ length: n }, (_, j) => member(i * 10 + j, `成员${i}-${j}`, (['A', 'B', 'C'] as const)[j % 3]!, 500 + ((i * 7 + j) % 300) + 0.5));
      return line(i + 1, {
        villageName: `第${i % 20}村`,
        groupName: i % 9 === 0 ? null : `${i % 7}组`,
        size: n + (i % 2),
        members,
        monthlyTotal: members.reduce((t, m) => t + m.amount, 0),
        dueStatus: i % 5 === 0 ? 'overdue' : 'ok',
      });
    });
    const mine = await load(await rosterWorkbook(lines, META));
    const theirs = await load(await rosterWorkbookByExceljs(lines, META));
    expect(mine.rowCount).toBe(theirs.rowCount);
    expect(mine.rowCount).toBeGreaterThan(6000);
    // One comparison of every row's cells (value, type, style) instead of 90,000 separate ones.
    const dump = (ws: ExcelJS.Worksheet) =>
      Array.from({ length: ws.rowCount }, (_, r) =>
        JSON.stringify(Array.from({ length: 15 }, (_, c) => ws.getCell(r + 1, c + 1)).map((cell) => [cell.value, cell.type, cell.style])),
      );
    expect(dump(mine)).toEqual(dump(theirs));
  });
});
